/**
 * Where a real verifier library, used as in the usual recipe (see
 * verifiers.ts), reaches another verdict than the scenario table's. Every
 * entry was observed by running the scenario against the library (for both ID
 * and access tokens) and its reason confirmed in the library's source; the
 * path names the file under node_modules. Anything not listed here must match
 * the scenario's expected verdict, and every entry here must still differ from
 * it (test/matrix/matrix.test.ts checks both, on every cell of the matrix), so a
 * library that becomes stricter, or a scenario whose verdict changes, shows up
 * as a failing test. The project's own `mock-idp/verifier` has no entry: it
 * must reach every verdict, with the scenario's code.
 *
 * Versions read: jose 6.2.18, jsonwebtoken 9.0.3 (+ jwks-rsa 4.1.0), aws-jwt-verify 5.2.1,
 * fast-jwt 6.3.6 (+ get-jwks 11.0.3).
 */
import type { LibraryName } from './verifiers.js';

export interface Difference {
  accept: boolean;
  /** Why the library decides so, in one sentence. */
  why: string;
  /** The source file that shows it. */
  source: string;
}

type Matrix = Record<LibraryName, Partial<Record<string, Difference>>>;

const joseClaims = 'jose/dist/webapi/lib/jwt_claims_set.js';
const jsonwebtoken = 'jsonwebtoken/verify.js';
const awsJwt = 'aws-jwt-verify/dist/esm/jwt.js';
const fastJwt = 'fast-jwt/src/verifier.js';

/** aws-jwt-verify's two verifiers share validateJwtFields; CognitoJwtVerifier only adds token_use/client id/groups checks (cognito-verifier.js). */
const awsJwtVerify: Partial<Record<string, Difference>> = {
  'issued-in-future': {
    accept: true,
    why: 'validateJwtFields checks exp and nbf but never reads iat, so an iat in the future is not noticed.',
    source: awsJwt,
  },
  'missing-sub': {
    accept: true,
    why: 'assertJwtPayload only type-checks sub when present and no check (nor validateCognitoJwtFields) requires it.',
    source: awsJwt,
  },
  'missing-exp': {
    accept: true,
    why: 'validateJwtFields checks expiry only inside `if (payload.exp !== undefined)`, so a token without exp never expires.',
    source: awsJwt,
  },
};

export const differences: Matrix = {
  jose: {
    'issued-in-future': {
      accept: true,
      why: 'validateClaimsSet reads iat, and rejects one in the future, only when the maxTokenAge option is set, which the recipe does not pass.',
      source: joseClaims,
    },
    'missing-sub': {
      accept: true,
      why: 'validateClaimsSet requires a claim only when an option names it (requiredClaims, subject, audience, issuer, maxTokenAge), and the recipe names none for sub.',
      source: joseClaims,
    },
    'missing-exp': {
      accept: true,
      why: 'validateClaimsSet checks exp only when it is present (`exp !== void 0`), unless requiredClaims lists it.',
      source: joseClaims,
    },
  },
  'jsonwebtoken+jwks-rsa': {
    'issued-in-future': {
      accept: true,
      why: 'verify reads iat only for the maxAge option, so an iat in the future is accepted.',
      source: jsonwebtoken,
    },
    'missing-sub': {
      accept: true,
      why: 'verify compares sub only when the subject option is given and never requires it.',
      source: jsonwebtoken,
    },
    'missing-exp': {
      accept: true,
      why: "verify checks expiry only when `typeof payload.exp !== 'undefined'`, so a token without exp never expires.",
      source: jsonwebtoken,
    },
  },
  'aws-jwt-verify/CognitoJwtVerifier': awsJwtVerify,
  'aws-jwt-verify/JwtVerifier': awsJwtVerify,
  'fast-jwt+get-jwks': {
    'issued-in-future': {
      accept: true,
      why: 'createVerifier adds a validator for iat only when the maxAge option is a number, which the recipe does not pass.',
      source: fastJwt,
    },
    'missing-sub': {
      accept: true,
      why: 'createVerifier validates sub only when allowedSub is given, and requires no claim unless requiredClaims lists it.',
      source: fastJwt,
    },
    'missing-exp': {
      accept: true,
      why: 'verifyToken skips every validator whose claim is absent (`if (!(claim in payload)) continue`), so without requiredClaims a token without exp never expires.',
      source: fastJwt,
    },
  },
  // The project's own verifier must reach every verdict: never add an entry here.
  'mock-idp/verifier': {},
};

/**
 * Observed, not differences (verdicts match), but reached by luck rather than
 * by design; kept here so nobody mistakes them for strictness:
 * - jose rejects `missing-kid` with ERR_JWKS_MULTIPLE_MATCHING_KEYS only because
 *   the pool's JWKS has two RS256 keys (jose/dist/webapi/jwks/local.js); with a
 *   single-key JWKS it would pick that key and accept. jwks-rsa does the same
 *   ("No KID specified and JWKS endpoint returned more than 1 key", jwks-rsa/src/JwksClient.js).
 * - jsonwebtoken rejects `malformed` only through the iss/aud check: jws.decode
 *   leaves an unparseable payload as a string and jsonwebtoken/decode.js swallows
 *   the JSON error, so verify goes on with a string payload.
 * - jose and jsonwebtoken reject an access token offered as an ID token
 *   (`wrong-token-use`, ID) through their audience option, because access
 *   tokens have no aud; fast-jwt's allowedAud and allowedIss check a claim only
 *   when it is present (the same `claim in payload` skip in
 *   fast-jwt/src/verifier.js), so there only the recipe's token_use check
 *   rejects it, and a token without iss would pass its issuer check.
 * - fast-jwt + get-jwks reject `alg-none`, `hs256-with-public-key` and
 *   `missing-kid` already in get-jwks (JWK_NOT_FOUND, get-jwks/src/get-jwks.js),
 *   which looks a key up by the header's kid and alg: mock-idp's JWKS keys carry
 *   `"alg": "RS256"`, as Cognito's do. Without that, fast-jwt itself would still
 *   reject the first two (missing signature; HS256 not in `algorithms`).
 */

/** The verdict `library` reaches on `scenario`: the documented difference, or the scenario's own. */
export function expectedAccept(library: LibraryName, scenario: { name: string; expected: { accept: boolean } }): {
  accept: boolean;
  difference: Difference | undefined;
} {
  const difference = differences[library][scenario.name];
  return { accept: difference ? difference.accept : scenario.expected.accept, difference };
}
