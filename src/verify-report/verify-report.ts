import type { TokenUse } from '../config/types.js';
import type { CheckRow as WireCheckRow, VerifyReport as WireVerifyReport } from '../page/wire.js';
import type { VerificationCheck } from '../verifier/checks.js';
import { VerificationError, type VerificationErrorCode } from '../verifier/errors.js';
import type { JwksCache } from '../verifier/jwks-cache.js';
import { verifierDefaults } from '../verifier/options.js';
import { createVerifier } from '../verifier/verifier.js';
import { checkDetail, decodeJsonPart } from './check-details.js';
import { checkDefinitions, type CheckId } from './checks.js';
import { wouldFail } from './would-fail.js';

/** What to verify against: one pool's issuer and JWKS, one client, one token use. */
export interface VerifyTarget {
  issuer: string;
  /** Where the verifier fetches the keys, over HTTP. */
  jwksUri: string;
  clientId: string;
  tokenUse: TokenUse;
}

/** One row of the report: a check of the verifier and how it went (its shape: src/page/wire.ts, shared with the page). */
export type CheckRow = WireCheckRow<VerificationErrorCode, CheckId>;

/** `POST /_mock/verify`'s answer (its shape: src/page/wire.ts, shared with the page). */
export type VerifyReport = WireVerifyReport<VerificationErrorCode, CheckId>;

/**
 * Verifies `token` with a fresh `mock-idp/verifier` (its own JWKS cache, so
 * the keys are fetched over HTTP now, as a new client would; or, given
 * `deps.cache`, that cache and whatever it holds) on the given clock, and explains the verdict as one row per check. The verdict is the
 * verifier's, and so is the failing check (`error.check`); the rows follow
 * from it and the verifier's order of checks (src/verify-report/checks.ts):
 * the checks before the failing one passed, the ones after it were not
 * reached; a row not reached that the token's claims would fail too is
 * marked `wouldAlsoFail` (src/verify-report/would-fail.ts). The verifier
 * runs with its defaults (`verifierDefaults`), which the report shows.
 *
 * @example
 * const report = await verifyReport(token, { issuer, jwksUri, clientId, tokenUse: 'id' }, { now: () => clock.now() });
 * report.verdict; // { accept: false, code: 'EXPIRED', message: 'the token expired at …' }
 */
export async function verifyReport(token: string, target: VerifyTarget, deps: { now: () => number; fetch?: typeof fetch | undefined; cache?: JwksCache | undefined }): Promise<VerifyReport> {
  const verifier = createVerifier({
    issuer: target.issuer,
    jwksUri: target.jwksUri,
    clientId: target.clientId,
    tokenUse: target.tokenUse,
    now: deps.now,
    // A cache kept between calls (src/verify-report/caching-verifiers.ts), or one of its own that fetches now.
    cache: deps.cache ?? (deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const nowMs = deps.now();
  let verdict: VerifyReport['verdict'] = { accept: true };
  let failed: VerificationCheck | null = null;
  try {
    await verifier.verify(token);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    verdict = { accept: false, code: error.code, message: error.message };
    failed = error.check;
  }
  const { fetches, errors } = verifier.cache.counters;
  const kids = fetches > errors ? verifier.cache.kids : null;
  const algorithms = [...verifierDefaults.algorithms];
  const clockToleranceSeconds = verifierDefaults.clockToleranceSeconds;
  const context = { token, ...target, algorithms, toleranceSeconds: clockToleranceSeconds, nowSeconds: Math.floor(nowMs / 1000), jwksKids: kids };
  const parts = token.split('.');
  const payload = parts.length === 3 ? decodeJsonPart(parts[1]!) : undefined;
  const claimTarget = { ...target, toleranceSeconds: clockToleranceSeconds, nowSeconds: nowMs / 1000 };
  const failedAt = failed === null ? checkDefinitions.length : checkDefinitions.findIndex((c) => c.id === failed);
  const checks = checkDefinitions.map(({ id, label }, index): CheckRow => {
    const status = index < failedAt ? 'passed' : index === failedAt ? 'failed' : 'skipped';
    const row: CheckRow = { id, label, status, detail: checkDetail(id, context) };
    if (status === 'failed' && !verdict.accept) Object.assign(row, { code: verdict.code, message: verdict.message });
    if (status === 'skipped' && payload && wouldFail(id, payload, claimTarget)) row.wouldAlsoFail = true;
    return row;
  });
  return {
    verdict,
    checks,
    verifier: { ...target, algorithms, clockToleranceSeconds, now: new Date(nowMs).toISOString() },
    jwks: { kids },
  };
}
