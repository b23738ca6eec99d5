import type { TokenUse } from '../config/types.js';
import { createVerifier } from '../verifier/verifier.js';
import { VerificationError, type VerificationErrorCode } from '../verifier/errors.js';
import { checkDetail } from './check-details.js';
import { checkDefinitions, failingCheck, type CheckId } from './checks.js';

/** What to verify against: one pool's issuer and JWKS, one client, one token use. */
export interface VerifyTarget {
  issuer: string;
  /** Where the verifier fetches the keys, over HTTP. */
  jwksUri: string;
  clientId: string;
  tokenUse: TokenUse;
}

/** One row of the report: a check of the verifier and how it went. */
export interface CheckRow {
  id: CheckId;
  label: string;
  /** `skipped`: not reached, because the verifier stops at the first failure. */
  status: 'passed' | 'failed' | 'skipped';
  /** What the token carries and what was expected, in a sentence. */
  detail: string;
  /** On the failed row: the verifier's code and message. */
  code?: VerificationErrorCode;
  message?: string;
}

/** `POST /_mock/verify`'s answer. */
export interface VerifyReport {
  /** The verifier's verdict, as the scenario table writes verdicts, with its message when it rejected. */
  verdict: { accept: true } | { accept: false; code: VerificationErrorCode; message: string };
  /** Every check, in the verifier's order. */
  checks: CheckRow[];
  /** How the verifier was configured, and the time it used. */
  verifier: VerifyTarget & { algorithms: string[]; clockToleranceSeconds: number; now: string };
  /** The kids of the JWKS the verifier fetched; null when it fetched none or could not read it. */
  jwks: { kids: string[] | null };
}

/** The project verifier's defaults, which the report uses unchanged. */
const algorithms = ['RS256'];
const clockToleranceSeconds = 5;

/**
 * Verifies `token` with a fresh `mock-idp/verifier` (its own JWKS cache, so
 * the keys are fetched over HTTP now, as a new client would) on the given
 * clock, and explains the verdict as one row per check. The verdict is the
 * verifier's; the rows follow from it and the verifier's order of checks
 * (src/verify-report/checks.ts): the checks before the failing one passed,
 * the ones after it were not reached.
 *
 * @example
 * const report = await verifyReport(token, { issuer, jwksUri, clientId, tokenUse: 'id' }, { now: () => clock.now() });
 * report.verdict; // { accept: false, code: 'EXPIRED', message: 'the token expired at …' }
 */
export async function verifyReport(
  token: string,
  target: VerifyTarget,
  deps: { now: () => number; fetch?: typeof fetch | undefined },
): Promise<VerifyReport> {
  const verifier = createVerifier({
    issuer: target.issuer,
    jwksUri: target.jwksUri,
    clientId: target.clientId,
    tokenUse: target.tokenUse,
    algorithms,
    clockToleranceSeconds,
    now: deps.now,
    cache: deps.fetch ? { fetch: deps.fetch } : {},
  });
  const nowMs = deps.now();
  let verdict: VerifyReport['verdict'] = { accept: true };
  let failed: CheckId | null = null;
  try {
    await verifier.verify(token);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    verdict = { accept: false, code: error.code, message: error.message };
    failed = failingCheck(error, token);
  }
  const { fetches, errors } = verifier.cache.counters;
  const kids = fetches > errors ? verifier.cache.kids : null;
  const context = { token, ...target, algorithms, toleranceSeconds: clockToleranceSeconds, nowSeconds: Math.floor(nowMs / 1000), jwksKids: kids };
  const failedAt = failed === null ? checkDefinitions.length : checkDefinitions.findIndex((c) => c.id === failed);
  const checks = checkDefinitions.map(({ id, label }, index): CheckRow => {
    const status = index < failedAt ? 'passed' : index === failedAt ? 'failed' : 'skipped';
    const row: CheckRow = { id, label, status, detail: checkDetail(id, context) };
    if (status === 'failed' && !verdict.accept) Object.assign(row, { code: verdict.code, message: verdict.message });
    return row;
  });
  return {
    verdict,
    checks,
    verifier: { ...target, algorithms, clockToleranceSeconds, now: new Date(nowMs).toISOString() },
    jwks: { kids },
  };
}
