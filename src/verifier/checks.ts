import type { VerificationErrorCode } from './errors.js';

/**
 * The verifier's checks in the order it runs them, each with the codes it
 * rejects with. It stops at the first failure, and a {@link VerificationError}
 * names that check (`error.check`), so the checks before it passed.
 *
 * - `format`: three base64url parts and a JSON header naming an `alg` (no unknown `crit`);
 * - `algorithm`: `alg` on the allow-list, and the JWK's own `alg` (if any) the same;
 * - `kid`: the header's `kid` found in the keys (JWKS fetched, refetched once for an unknown kid);
 * - `signature`: the signature checked with that key;
 * - `payload`: the payload UTF-8 JSON text of an object;
 * - `claims`: `sub`, `exp`, `iss`, `token_use`… present and of their types;
 * - then `issuer`, `exp`, `nbf`, `iat`, `token_use`, `audience` (an ID token's `aud`, an access
 *   token's `client_id`: a missing `client_id` is a MISSING_CLAIM here), `groups` and `scope`.
 *
 * @example
 * try { await verifier.verify(token) } catch (e) {
 *   if (e instanceof VerificationError) console.log(e.check, verificationChecks[e.check]); // 'exp', ['EXPIRED']
 * }
 */
export const verificationChecks = {
  format: ['MALFORMED'],
  algorithm: ['ALG_NOT_ALLOWED'],
  kid: ['MISSING_KID', 'UNKNOWN_KID', 'JWKS_UNAVAILABLE', 'JWKS_INVALID'],
  signature: ['BAD_SIGNATURE', 'MALFORMED'],
  payload: ['MALFORMED'],
  claims: ['MISSING_CLAIM'],
  issuer: ['WRONG_ISSUER'],
  exp: ['EXPIRED'],
  nbf: ['NOT_YET_VALID'],
  iat: ['ISSUED_IN_FUTURE'],
  token_use: ['WRONG_TOKEN_USE'],
  audience: ['WRONG_AUDIENCE', 'MISSING_CLAIM'],
  groups: ['GROUP_NOT_ALLOWED'],
  scope: ['SCOPE_NOT_ALLOWED'],
} as const satisfies Record<string, readonly VerificationErrorCode[]>;

/** One of the verifier's checks, as {@link verificationChecks} names it. */
export type VerificationCheck = keyof typeof verificationChecks;

/** The first check (in the verifier's order) that rejects with `code`: the check a code names unless the error says otherwise. */
export function firstCheckOf(code: VerificationErrorCode): VerificationCheck {
  for (const [check, codes] of Object.entries(verificationChecks)) {
    if ((codes as readonly string[]).includes(code)) return check as VerificationCheck;
  }
  // Unreachable while every code has a check (test/verifier/checks.test.ts); a bare code still names the first check.
  return 'format';
}
