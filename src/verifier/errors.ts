import { firstCheckOf, type VerificationCheck } from './checks.js';

/**
 * The verdicts a correct verifier reaches, as stable codes. The scenario table
 * names the code each negative scenario must produce; `mock-idp/verifier`
 * throws {@link VerificationError}s with these codes.
 */
export const verificationErrorCodes = {
  MALFORMED: 'The token is not a well-formed JWS compact serialization with JSON header and payload.',
  MISSING_KID: 'The header has no `kid`, so no key can be chosen from the JWKS.',
  UNKNOWN_KID: "No key in the JWKS has the header's `kid`, even after refetching it.",
  ALG_NOT_ALLOWED: "The header's `alg` is not on the allow-list (RS256), e.g. `none` or HS256.",
  BAD_SIGNATURE: 'The signature does not match the header and payload under the key.',
  EXPIRED: 'The current time is past `exp` (plus the clock tolerance).',
  NOT_YET_VALID: 'The current time is before `nbf` (minus the clock tolerance).',
  ISSUED_IN_FUTURE: '`iat` is later than the current time plus the clock tolerance.',
  WRONG_ISSUER: '`iss` is not the expected issuer.',
  WRONG_AUDIENCE: "The ID token's `aud` (or the access token's `client_id`) is not the expected client.",
  WRONG_TOKEN_USE: '`token_use` is not the expected `id` or `access`.',
  GROUP_NOT_ALLOWED: '`cognito:groups` has none of the groups the verifier requires.',
  SCOPE_NOT_ALLOWED: '`scope` has none of the scopes the verifier requires.',
  MISSING_CLAIM: 'A claim every valid token has (`sub`, `exp`, `iss`, `token_use`…) is missing or has the wrong type.',
  JWKS_UNAVAILABLE: 'The JWKS could not be fetched and no usable cached copy is left.',
  JWKS_INVALID:
    'The JWKS endpoint answered with what a verifier must not take keys from (a redirect to another origin, a body over the size limit, two keys with one kid), and no usable cached copy is left.',
} as const;

export type VerificationErrorCode = keyof typeof verificationErrorCodes;

/** What a correct verifier must conclude about a token. */
export type Verdict = { accept: true } | { accept: false; code: VerificationErrorCode };

/**
 * A token was rejected. `code` is stable; `message` is a sentence a person can act on.
 *
 * @example
 * try { await verifier.verify(token) } catch (e) {
 *   if (e instanceof VerificationError && e.code === 'EXPIRED') refreshAndRetry();
 * }
 */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  readonly code: VerificationErrorCode;
  /** For MISSING_CLAIM: the claim that is missing or of the wrong type. */
  readonly claim: string | undefined;
  /**
   * The check that failed (see `verificationChecks`): the checks before it passed, the ones after it
   * were not run. Given by the verifier where a code has more than one check (MALFORMED, MISSING_CLAIM);
   * otherwise the one check of the code.
   */
  readonly check: VerificationCheck;

  constructor(code: VerificationErrorCode, message: string, options?: { cause?: unknown; claim?: string; check?: VerificationCheck }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.claim = options?.claim;
    this.check = options?.check ?? firstCheckOf(code);
  }
}
