import type { CheckId } from './checks.js';

/** What a claim check compares the token with. */
export interface ClaimTarget {
  issuer: string;
  clientId: string;
  tokenUse: 'id' | 'access';
  toleranceSeconds: number;
  /** The server's time, epoch seconds (fractional, as the verifier reads it). */
  nowSeconds: number;
}

const claimChecks = new Set<CheckId>(['claims', 'issuer', 'exp', 'nbf', 'iat', 'token_use', 'audience']);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Whether the decoded (unverified) payload would fail one of the verifier's
 * claim checks, judged on its own, as src/verifier/claims.ts judges it. For the
 * rows the verifier did not reach: it stops at the first failure, and a
 * learner who fixes that one should know what fails next. Null for the checks
 * that do not read claims (format, algorithm, kid, signature, payload).
 *
 * @example
 * wouldFail('exp', { exp: 1 }, target) // true
 */
export function wouldFail(id: CheckId, payload: Record<string, unknown>, target: ClaimTarget): boolean | null {
  if (!claimChecks.has(id)) return null;
  const { nowSeconds: now, toleranceSeconds: tolerance } = target;
  const use = payload.token_use;
  switch (id) {
    case 'claims':
      return (
        typeof payload.sub !== 'string' ||
        payload.sub === '' ||
        !isNumber(payload.exp) ||
        typeof payload.iss !== 'string' ||
        typeof use !== 'string' ||
        (payload.iat !== undefined && !isNumber(payload.iat)) ||
        (payload.nbf !== undefined && !isNumber(payload.nbf))
      );
    case 'issuer':
      return payload.iss !== target.issuer;
    case 'exp':
      return isNumber(payload.exp) && payload.exp <= now - tolerance;
    case 'nbf':
      return isNumber(payload.nbf) && payload.nbf > now + tolerance;
    case 'iat':
      return isNumber(payload.iat) && payload.iat > now + tolerance;
    case 'token_use':
      return use !== target.tokenUse;
    case 'audience': {
      if (use === 'access' || (use === undefined && payload.client_id !== undefined)) return payload.client_id !== target.clientId;
      const aud = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
      return !aud.includes(target.clientId);
    }
    default:
      return null;
  }
}
