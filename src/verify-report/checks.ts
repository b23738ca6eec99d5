import type { VerificationErrorCode } from '../verifier/errors.js';

/** One check of `mock-idp/verifier`, as the teaching page shows it. */
export interface CheckDefinition {
  /** Stable id, e.g. `kid`, `exp`. */
  id: CheckId;
  /** A few words for the row. */
  label: string;
  /** The verdict codes this check produces. */
  codes: readonly VerificationErrorCode[];
}

/** The checks' ids, as `POST /_mock/verify` names its rows. */
export type CheckId =
  | 'format'
  | 'algorithm'
  | 'kid'
  | 'signature'
  | 'payload'
  | 'claims'
  | 'issuer'
  | 'exp'
  | 'nbf'
  | 'iat'
  | 'token_use'
  | 'audience';

/**
 * The verifier's checks in the order it runs them (src/verifier/verifier.ts,
 * then claims.ts): the compact form, jose's algorithm allow-list, the key by
 * `kid` from the JWKS, the signature, the payload's JSON, the required claims
 * and their types, then issuer, exp, nbf, iat, token_use and audience. It
 * stops at the first failure, so every check before the failing one passed.
 */
export const checkDefinitions: readonly CheckDefinition[] = [
  { id: 'format', label: 'Three base64url parts', codes: ['MALFORMED'] },
  { id: 'algorithm', label: 'Algorithm allowed', codes: ['ALG_NOT_ALLOWED'] },
  { id: 'kid', label: 'kid found in the JWKS', codes: ['MISSING_KID', 'UNKNOWN_KID', 'JWKS_UNAVAILABLE', 'JWKS_INVALID'] },
  { id: 'signature', label: 'Signature', codes: ['BAD_SIGNATURE', 'MALFORMED'] },
  { id: 'payload', label: 'Payload is JSON', codes: ['MALFORMED'] },
  { id: 'claims', label: 'Required claims', codes: ['MISSING_CLAIM'] },
  { id: 'issuer', label: 'Issuer (iss)', codes: ['WRONG_ISSUER'] },
  { id: 'exp', label: 'Not expired (exp)', codes: ['EXPIRED'] },
  { id: 'nbf', label: 'Not before (nbf)', codes: ['NOT_YET_VALID'] },
  { id: 'iat', label: 'Issued at (iat)', codes: ['ISSUED_IN_FUTURE'] },
  { id: 'token_use', label: 'Token use', codes: ['WRONG_TOKEN_USE'] },
  { id: 'audience', label: 'Audience (aud / client_id)', codes: ['WRONG_AUDIENCE'] },
];

/** What the verifier said, as far as locating the failing check needs it. */
export interface Rejection {
  code: VerificationErrorCode;
  /** For MISSING_CLAIM: the claim. */
  claim?: string | undefined;
}

/**
 * The check that produced a rejection. Two codes need more than the code.
 * MALFORMED comes from three places, in jose's order: the `format` check when
 * the token is not three base64url parts with a JSON header that names an
 * `alg` (and no `crit`), all tested before any key is fetched; the
 * `signature` check when the signature is not base64url (decoded after the key
 * is found); else the `payload` check (after the signature). MISSING_CLAIM is
 * the `audience` check for an access token's `client_id`, else `claims`.
 */
export function failingCheck(rejection: Rejection, token: string): CheckId {
  if (rejection.code === 'MALFORMED') return malformedStage(token);
  if (rejection.code === 'MISSING_CLAIM') return rejection.claim === 'client_id' ? 'audience' : 'claims';
  const check = checkDefinitions.find((c) => c.codes.includes(rejection.code));
  if (!check) throw new RangeError(`no check produces ${rejection.code}`);
  return check.id;
}

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** A base64url string of this length cannot be decoded (one character left over). */
const undecodable = (part: string) => part.length % 4 === 1;

function malformedStage(token: string): 'format' | 'signature' | 'payload' {
  if (!compactJws.test(token)) return 'format';
  const [header, , signature] = token.split('.') as [string, string, string];
  const decoded = undecodable(header) ? undefined : decodeJsonPart(header);
  if (decoded === undefined || decoded.crit !== undefined || typeof decoded.alg !== 'string' || decoded.alg === '') return 'format';
  return undecodable(signature) ? 'signature' : 'payload';
}

/** A base64url part decoded as a JSON object, or undefined. */
export function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url')));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
