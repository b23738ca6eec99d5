/**
 * Two verifiers side by side on the Verify panel: the server's caching
 * verifier (`POST /_mock/verify` with `"cache": "shared"`: one JWKS cache per
 * pool, kept between calls, on the server's clock) and a new one that fetches
 * the JWKS for every token (the Verify button's). The caching lesson shows,
 * with them, what a cached JWKS does after a retirement and a rotation.
 */
import { api } from './api.js';
import { byId, formatTime, h, show } from './dom.js';
import { on } from './state.js';
import { showTab } from './tabs.js';
import { useMintedToken, verifyToken } from './verify-view.js';
import type { JwksCacheReport, TokenUse, VerifyReport } from './wire.js';

export interface Comparison {
  cached: VerifyReport & { cache: JwksCacheReport };
  fresh: VerifyReport;
}

/** The box, made the first time it is needed: above the Verify button's checks, in the results column. */
function box(): HTMLElement {
  const existing = document.getElementById('cache-compare');
  if (existing) return existing;
  const section = h('section', { id: 'cache-compare', class: 'cache-compare', 'aria-labelledby': 'cache-compare-heading', tabindex: '-1' });
  byId('verify-result').before(section);
  return section;
}

const code = (report: VerifyReport) => (report.verdict.accept ? 'ACCEPTED' : report.verdict.code);

/** Where the caching verifier's keys came from, in a sentence. */
export function cacheSentence(cache: JwksCacheReport): string {
  const maxAge = cache.maxAgeSeconds === null ? '' : ` (max-age ${cache.maxAgeSeconds} s)`;
  if (cache.source === 'cache') {
    if (cache.ageSeconds === null) return 'It has no copy of the JWKS: its last fetch failed.';
    const left = (cache.maxAgeSeconds ?? 0) - cache.ageSeconds;
    const freshness = left > 0 ? `fresh for ${left} s more${maxAge}` : `past max-age by ${-left} s: served while the JWKS cannot be fetched`;
    return `From its cache, no request: its copy is ${cache.ageSeconds} s old, ${freshness}.`;
  }
  const why =
    cache.reason === 'unknown-kid'
      ? `the token's kid was not in its copy (one refetch; the next unknown kid waits ${cache.cooldownSeconds} s)`
      : cache.reason === 'expired'
        ? 'its copy was past max-age'
        : 'it had no copy yet';
  return `Fetched the JWKS just now: ${why}. It keeps this copy${maxAge}.`;
}

function column(which: 'caching' | 'fresh', title: string, report: VerifyReport, jwks: string): HTMLElement {
  const verdict = report.verdict.accept ? 'accepts it' : `rejects it: ${report.verdict.code}`;
  return h(
    'div',
    { class: 'cache-compare-column', 'data-verifier': which, 'data-code': code(report), 'data-source': which === 'caching' ? (report.cache?.source ?? null) : 'fetched' },
    h('h4', {}, title),
    h('p', { class: `verdict ${report.verdict.accept ? 'accepted' : 'rejected'}` }, `${report.verdict.accept ? '✓' : '✗'} ${verdict}`),
    h('p', { class: 'small-print' }, jwks),
  );
}

function render(token: string, { cached, fresh }: Comparison): void {
  const section = box();
  section.dataset.token = token;
  section.classList.remove('stale');
  const freshKids = fresh.jwks.kids ? `${fresh.jwks.kids.length} key(s)` : 'no keys';
  show(
    section,
    h('h3', { id: 'cache-compare-heading' }, 'Two verifiers, the same token'),
    h('p', { class: 'small-print' }, `Server time ${formatTime(Date.parse(cached.verifier.now))}.`),
    h(
      'div',
      { class: 'cache-compare-columns' },
      column('caching', 'Caches the JWKS', cached, cacheSentence(cached.cache)),
      column('fresh', 'Fetches it every time', fresh, `Fetched the JWKS just now: ${freshKids}.`),
    ),
  );
}

/**
 * Puts the current token in the Verify form and verifies it twice: with the
 * Verify button (a new verifier: its checks appear below) and with the
 * server's caching verifier; shows both verdicts side by side.
 */
export async function verifyBoth(): Promise<Comparison> {
  showTab('verify');
  useMintedToken();
  const fresh = await verifyToken();
  const body = {
    token: byId<HTMLTextAreaElement>('verify-token').value,
    pool: byId<HTMLSelectElement>('verify-pool').value,
    client: byId<HTMLSelectElement>('verify-client').value,
    tokenUse: byId<HTMLSelectElement>('verify-token-use').value as TokenUse,
  };
  const cached = await api.verifyCached(body);
  render(body.token, { cached, fresh });
  return { cached, fresh };
}

/** Makes the server's caching verifiers forget their copies: the next verification fetches, as a new one would. */
export async function forgetCachedJwks(): Promise<void> {
  await api.forgetCachedJwks();
  document.getElementById('cache-compare')?.remove();
}

/** The comparison is for a token, keys and a time: once one changes, it is greyed until verified again. */
export function initCacheCompareView(): void {
  const stale = () => {
    const section = document.getElementById('cache-compare');
    if (!section || section.classList.contains('stale')) return;
    section.classList.add('stale');
    section.prepend(h('p', { class: 'stale-note' }, 'The token, the keys or the clock changed since: verify again.'));
  };
  for (const event of ['minted', 'keys-changed', 'clock-changed'] as const) on(event, stale);
}
