import { verificationChecks, type VerificationCheck } from '../verifier/checks.js';
import type { VerificationErrorCode } from '../verifier/errors.js';

/** One check of `mock-idp/verifier`, as the teaching page shows it. */
export interface CheckDefinition {
  /** Stable id, e.g. `kid`, `exp`: the verifier's name for the check. */
  id: CheckId;
  /** A few words for the row. */
  label: string;
  /** The verdict codes this check produces. */
  codes: readonly VerificationErrorCode[];
}

/** The checks' ids, as `POST /_mock/verify` names its rows: the verifier's, but for the two it never configures (groups, scope). */
export type CheckId = Exclude<VerificationCheck, 'groups' | 'scope'>;

const labels: Record<CheckId, string> = {
  format: 'Three base64url parts',
  algorithm: 'Algorithm allowed',
  kid: 'kid found in the JWKS',
  signature: 'Signature',
  payload: 'Payload is JSON',
  claims: 'Required claims',
  issuer: 'Issuer (iss)',
  exp: 'Not expired (exp)',
  nbf: 'Not before (nbf)',
  iat: 'Issued at (iat)',
  token_use: 'Token use',
  audience: 'Audience (aud / client_id)',
};

/**
 * The verifier's checks in the order it runs them, with their codes, as the
 * verifier declares them (`verificationChecks`, src/verifier/checks.ts), each
 * with a label. It stops at the first failure and names it (`error.check`),
 * so every check before the failing one passed.
 */
export const checkDefinitions: readonly CheckDefinition[] = (Object.keys(verificationChecks) as VerificationCheck[])
  .filter((id): id is CheckId => id in labels)
  .map((id) => ({ id, label: labels[id], codes: verificationChecks[id] }));
