import type { JwksCacheReport } from '../page/wire.js';
import { JwksCache, jwksCacheDefaults } from '../verifier/jwks-cache.js';
import { freshnessMs } from '../verifier/jwks-fetcher.js';
import { verifyReport, type VerifyReport, type VerifyTarget } from './verify-report.js';

/** The copy of the JWKS a cache holds: when it was fetched and the freshness its answer granted (server clock). */
interface Copy {
  fetchedAtMs: number;
  maxAgeMs: number;
}

interface Entry {
  cache: JwksCache;
  /** The copy last taken in; null before the first successful fetch. */
  copy: Copy | null;
  /** The last answer the cache's fetch received (taken in as `copy` once the cache has accepted it). */
  answer: Copy | null;
}

/** JWKS URIs kept at most; the oldest is forgotten past it (pools made through the API come and go). */
const maxEntries = 64;

/**
 * The server's caching verifiers: one `mock-idp/verifier` {@link JwksCache}
 * per JWKS URI, kept between `POST /_mock/verify` calls that ask for
 * `"cache": "shared"`, so the page can show what a long-running verifier
 * does that a fresh one does not: keep accepting a retired key's tokens
 * while its copy is fresh, refetch once for an unknown kid, refetch once
 * its copy is past max-age. The cache is the verifier's own, untouched,
 * running on the server's clock (a clock shift ages its copy); this class
 * only watches its fetches to report the copy's age and max-age.
 *
 * @example
 * const verifiers = new CachingVerifiers({ now: () => clock.now() });
 * const report = await verifiers.verify(token, { issuer, jwksUri, clientId, tokenUse: 'id' });
 * report.cache; // { source: 'fetched', reason: 'first-use', ageSeconds: 0, maxAgeSeconds: 300, … }
 */
export class CachingVerifiers {
  readonly #now: () => number;
  readonly #fetch: typeof fetch;
  readonly #entries = new Map<string, Entry>();

  constructor(deps: { now: () => number; fetch?: typeof fetch | undefined }) {
    this.#now = deps.now;
    this.#fetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Verifies with the caching verifier of `target.jwksUri` (made at first use) and reports where its keys came from. */
  async verify(token: string, target: VerifyTarget): Promise<VerifyReport & { cache: JwksCacheReport }> {
    const entry = this.#entry(target.jwksUri);
    const { cache } = entry;
    const before = { ...cache.counters, hadCopy: entry.copy !== null };
    const report = await verifyReport(token, target, { now: this.#now, cache });
    const fetches = cache.counters.fetches - before.fetches;
    const failed = cache.counters.errors - before.errors;
    if (fetches > failed && entry.answer) entry.copy = entry.answer;
    // A fetch that failed (an outage: stale keys may serve) took nothing in: the copy, if any, answered.
    const fetched = fetches > failed;
    const reason = !fetched ? null : cache.counters.unknownKidRefetches > before.unknownKidRefetches ? 'unknown-kid' : before.hadCopy ? 'expired' : 'first-use';
    const { copy } = entry;
    return {
      ...report,
      cache: {
        source: fetched ? 'fetched' : 'cache',
        reason,
        // Negative when the clock was moved back since the copy was fetched (it then stays fresh that much longer).
        ageSeconds: copy ? Math.round((this.#now() - copy.fetchedAtMs) / 1000) : null,
        maxAgeSeconds: copy ? copy.maxAgeMs / 1000 : null,
        fetchedAt: copy ? new Date(copy.fetchedAtMs).toISOString() : null,
        kids: copy ? cache.kids : null,
        cooldownSeconds: jwksCacheDefaults.cooldownSeconds,
        fetches: cache.counters.fetches,
      },
    };
  }

  /** Forgets every copy: the next verification of each URI fetches as a new verifier would. */
  clear(): void {
    this.#entries.clear();
  }

  /** How many JWKS URIs have a caching verifier. */
  get size(): number {
    return this.#entries.size;
  }

  #entry(uri: string): Entry {
    const known = this.#entries.get(uri);
    if (known) return known;
    if (this.#entries.size >= maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    const entry: Entry = { cache: undefined as unknown as JwksCache, copy: null, answer: null };
    // The cache's own fetch, watched: each answer it can keep keys from (2xx, or 304 for the copy it has) is noted
    // with its freshness as the cache computes it, so the report can say how old the copy is and for how long it holds.
    const watched: typeof fetch = async (input, init) => {
      const response = await this.#fetch(input, init);
      if (response.ok || response.status === 304) {
        entry.answer = { fetchedAtMs: this.#now(), maxAgeMs: freshnessMs(response.headers.get('cache-control'), jwksCacheDefaults) };
      }
      return response;
    };
    entry.cache = new JwksCache(uri, { now: this.#now, fetch: watched });
    this.#entries.set(uri, entry);
    return entry;
  }
}
