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
 *
 * The App Services login column is not a library: its entries come from
 * {@link appServicesVerdicts}, which records how App Services decides each
 * scenario where it does not simply agree with the table.
 */
import { scenarios } from '../../src/tokens/scenarios.js';
import { appServicesLoginName } from './app-services-login.js';
import type { LibraryName } from './verifiers.js';

export interface Difference {
  accept: boolean;
  /** Why the library decides so, in one sentence. */
  why: string;
  /**
   * The source file that shows it: a path under node_modules, or (the App
   * Services login) a path in this repository starting with `src/`.
   */
  source: string;
  /**
   * The library's documented option that makes it reach the table's verdict, as
   * code in backticks; or, where it has none, what the application must check
   * itself (the page's Matrix panel shows it under the note).
   */
  fix: string;
}

/** What App Services does with a scenario's ID token, where its reason (or verdict) is not the table's. */
export interface AppServicesVerdict {
  accept: boolean;
  /** Why, in one sentence, from what App Services is documented to check. */
  why: string;
  /** Where that is documented. */
  reference: string;
  /** App Services' own wording of the refusal, where the reference quotes the real one (`{aud}`: the app's audience). */
  message?: string;
  /** Where App Services accepts what the table rejects: what closes the gap (it has no setting for it). */
  fix?: string;
}

/** The emulator's implementation of App Services' checks. */
const customJwt = 'src/app-services/custom-jwt.ts';
const checks = 'https://www.mongodb.com/docs/atlas/app-services/authentication/custom-jwt/';

/**
 * The App Services login (test/compat/app-services-login.ts, the default app
 * `mock-idp-app-abcde`: RS256 by the default pool's JWK URI, audience = the
 * spa client id) on every scenario minted as an ID token. App Services checks
 * the signature (by `kid` from the JWK URI), requires `aud`, `sub` and `exp`,
 * rejects `nbf` or `iat` in the future, and has no setting for `iss` or
 * `token_use`; so it reaches every verdict of the table but one (`wrong-issuer`),
 * and some for another reason. Every rejection is 401 `AuthError`. Observed
 * against the emulator, reasons from App Services' docs (test/app-services/scenarios.test.ts
 * checks each against the live login, test/matrix the matrix column).
 */
export const appServicesVerdicts: Partial<Record<string, AppServicesVerdict>> = {
  'wrong-issuer': {
    accept: true,
    why: 'App Services has no issuer setting, so a token of another issuer signed by a key of the JWK URI logs in.',
    reference: checks,
    fix: "No setting: App Services trusts every key of the JWK URI, so give it a JWK URI that serves only your pool's keys (a Cognito pool's JWKS is its own).",
  },
  'wrong-token-use': {
    accept: false,
    why: 'App Services does not read token_use, but a Cognito access token has no aud, and aud is required.',
    reference: checks,
    message: "'{aud}' not found in 'aud' claim",
  },
  'wrong-audience': {
    accept: false,
    why: 'aud must contain the configured audience (the spa client id).',
    reference: checks,
    message: "'{aud}' not found in 'aud' claim",
  },
  'issued-in-future': {
    accept: false,
    why: 'iat is treated like nbf ("functionally identical": not valid before that time), so an iat in the future is refused.',
    reference: checks,
  },
  'missing-sub': {
    accept: false,
    why: 'sub is a required claim (it is the identity id).',
    reference: checks,
    message: "expected field 'sub' to be in token metadata",
  },
  'missing-exp': {
    accept: false,
    why: 'exp is a required claim.',
    reference: checks,
  },
  'bad-signature': {
    accept: false,
    why: "The RS256 signature is checked with the JWK URI's key, and Go's crypto/rsa refuses it.",
    reference: 'https://pkg.go.dev/crypto/rsa#pkg-variables',
    message: 'crypto/rsa: verification error',
  },
};

/** The entries of {@link appServicesVerdicts} whose verdict is not the table's: the App Services column's differences. */
function appServicesDifferences(): Partial<Record<string, Difference>> {
  const entries = Object.entries(appServicesVerdicts).filter(([name, v]) => scenarios.find((s) => s.name === name)?.expected.accept !== v!.accept);
  return Object.fromEntries(entries.map(([name, v]) => [name, { accept: v!.accept, why: v!.why, source: customJwt, fix: v!.fix ?? '' }]));
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
    fix: '`customJwtCheck`: throw when `payload.iat` is later than now plus `graceSeconds`.',
  },
  'missing-sub': {
    accept: true,
    why: 'assertJwtPayload only type-checks sub when present and no check (nor validateCognitoJwtFields) requires it.',
    source: awsJwt,
    fix: '`customJwtCheck`: throw when `payload.sub` is missing.',
  },
  'missing-exp': {
    accept: true,
    why: 'validateJwtFields checks expiry only inside `if (payload.exp !== undefined)`, so a token without exp never expires.',
    source: awsJwt,
    fix: '`customJwtCheck`: throw when `payload.exp` is missing.',
  },
};

export const differences: Matrix = {
  jose: {
    'issued-in-future': {
      accept: true,
      why: 'validateClaimsSet reads iat, and rejects one in the future, only when the maxTokenAge option is set, which the recipe does not pass.',
      source: joseClaims,
      fix: "`maxTokenAge` (e.g. `maxTokenAge: '1 hour'`): iat is then required, and one later than now plus `clockTolerance` is rejected.",
    },
    'missing-sub': {
      accept: true,
      why: 'validateClaimsSet requires a claim only when an option names it (requiredClaims, subject, audience, issuer, maxTokenAge), and the recipe names none for sub.',
      source: joseClaims,
      fix: "`requiredClaims: ['sub']`.",
    },
    'missing-exp': {
      accept: true,
      why: 'validateClaimsSet checks exp only when it is present (`exp !== void 0`), unless requiredClaims lists it.',
      source: joseClaims,
      fix: "`requiredClaims: ['exp']`.",
    },
  },
  'jsonwebtoken+jwks-rsa': {
    'issued-in-future': {
      accept: true,
      why: 'verify reads iat only for the maxAge option, so an iat in the future is accepted.',
      source: jsonwebtoken,
      fix: 'No option: `maxAge` only limits the age from iat and lets one in the future pass; compare `payload.iat` with now (plus `clockTolerance`) after verify.',
    },
    'missing-sub': {
      accept: true,
      why: 'verify compares sub only when the subject option is given and never requires it.',
      source: jsonwebtoken,
      fix: 'No option requires a claim (`subject` only compares sub with a value you know): check `payload.sub` after verify.',
    },
    'missing-exp': {
      accept: true,
      why: "verify checks expiry only when `typeof payload.exp !== 'undefined'`, so a token without exp never expires.",
      source: jsonwebtoken,
      fix: "No option requires exp: check `payload.exp` after verify; `maxAge` (e.g. `maxAge: '1h'`) at least ends a token's life that long after its iat.",
    },
  },
  'aws-jwt-verify/CognitoJwtVerifier': awsJwtVerify,
  'aws-jwt-verify/JwtVerifier': awsJwtVerify,
  'fast-jwt+get-jwks': {
    'issued-in-future': {
      accept: true,
      why: 'createVerifier adds a validator for iat only when the maxAge option is a number, which the recipe does not pass.',
      source: fastJwt,
      fix: 'No option: `maxAge` only limits the age from iat and lets one in the future pass; compare `payload.iat` with now (plus `clockTolerance`) after verify.',
    },
    'missing-sub': {
      accept: true,
      why: 'createVerifier validates sub only when allowedSub is given, and requires no claim unless requiredClaims lists it.',
      source: fastJwt,
      fix: "`requiredClaims: ['sub']`.",
    },
    'missing-exp': {
      accept: true,
      why: 'verifyToken skips every validator whose claim is absent (`if (!(claim in payload)) continue`), so without requiredClaims a token without exp never expires.',
      source: fastJwt,
      fix: "`requiredClaims: ['exp']`.",
    },
  },
  // The project's own verifier must reach every verdict: never add an entry here.
  'mock-idp/verifier': {},
  [appServicesLoginName]: appServicesDifferences(),
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
export function expectedAccept(
  library: LibraryName,
  scenario: { name: string; expected: { accept: boolean } },
): {
  accept: boolean;
  difference: Difference | undefined;
} {
  const difference = differences[library][scenario.name];
  return { accept: difference ? difference.accept : scenario.expected.accept, difference };
}
