import type { CryptoKey, JWK } from 'jose';
import { VerificationError } from './errors.js';
import { ImportedKeys } from './imported-keys.js';
import { JwksFetcher, RefusedJwks, type JwksFetchResult } from './jwks-fetcher.js';
import type { KeySource } from './key-source.js';
import { UnknownKidCooldown } from './unknown-kid-cooldown.js';

/** How a {@link JwksCache} fetches and keeps keys. Every field has a default. */
export interface JwksCacheOptions {
  /** Freshness when the response has no `Cache-Control: max-age`. Default 600 s. */
  defaultMaxAgeSeconds?: number;
  /** Upper bound on a server's max-age, so keys are rechecked at least this often. Default 86 400 s. */
  maxMaxAgeSeconds?: number;
  /** After a refetch for an unknown kid, further unknown kids wait this long before the next one. Default 30 s. */
  cooldownSeconds?: number;
  /** Each fetch is aborted after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** When the endpoint fails, keys already cached keep serving this long past their freshness. Default 3600 s. */
  maxStaleSeconds?: number;
  /** After a failed refresh, while stale keys can serve, wait this long before trying the endpoint again. Default 10 s. */
  retryBackoffSeconds?: number;
  /** The current time, epoch ms (tests pass a fake). Default `Date.now`. */
  now?: () => number;
  /** The fetch to use (tests pass a fake). Default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Largest JWKS body read, in bytes; the body is read piece by piece and the request abandoned past it
   * (`JWKS_INVALID`). Default 512 KiB: a Cognito JWKS is about 2 KB.
   */
  maxJwksBytes?: number;
  /**
   * Require `Content-Type: application/json` or `application/jwk-set+json` (anything else, such as a
   * proxy's HTML error page, is a failed fetch). Default true; `false` reads any content type as JSON.
   */
  requireJsonContentType?: boolean;
}

/** What the cache has done, for tests and dashboards. */
export interface JwksCacheCounters {
  /** HTTP requests made. */
  fetches: number;
  /** Requests answered 304 Not Modified (ETag revalidation). */
  notModified: number;
  /** Requests that failed: network, timeout, non-2xx, malformed or empty key set. */
  errors: number;
  /** Lookups answered from the cache. */
  hits: number;
  /** Lookups of a kid the cache did not have. */
  misses: number;
  /** Refetches caused by an unknown kid. */
  unknownKidRefetches: number;
  /** Lookups answered from stale keys because a refresh failed. */
  staleServes: number;
}

/**
 * The defaults of {@link JwksCacheOptions} (`now` and `fetch` aside: `Date.now` and the global `fetch`).
 *
 * @example
 * jwksCacheDefaults.cooldownSeconds; // 30
 */
export const jwksCacheDefaults = Object.freeze({
  defaultMaxAgeSeconds: 600,
  maxMaxAgeSeconds: 86_400,
  cooldownSeconds: 30,
  timeoutMs: 5000,
  maxStaleSeconds: 3600,
  retryBackoffSeconds: 10,
  maxJwksBytes: 512 * 1024,
  requireJsonContentType: true,
});

/**
 * One JWKS URI's keys, fetched over HTTP and cached as a careful verifier should:
 * - fresh for the response's `Cache-Control: max-age` (else a default), then
 *   revalidated with `If-None-Match` (a 304 keeps the keys);
 * - an unknown kid triggers one refetch, then a cooldown during which further
 *   unknown kids are rejected without fetching (so forged kids cannot flood the IdP);
 * - concurrent lookups share one in-flight fetch, and each fetch has a timeout;
 * - when the endpoint fails (error status, timeout, malformed or empty key set),
 *   cached keys keep serving up to `maxStaleSeconds` past their freshness; after
 *   that, lookups fail with `JWKS_UNAVAILABLE`.
 *
 * The HTTP side is a {@link JwksFetcher}, the cooldown an {@link UnknownKidCooldown};
 * this class decides when to fetch and what to serve. It is the verifier's
 * {@link KeySource} unless it is given another. Share one instance between
 * verifiers of the same JWKS URI.
 *
 * @example
 * const cache = new JwksCache('http://127.0.0.1:4455/us-east-1_LocalPool/.well-known/jwks.json');
 * const key = await cache.getKey(kid);
 * console.log(cache.counters.fetches);
 */
export class JwksCache implements KeySource {
  readonly uri: string;
  readonly counters: JwksCacheCounters = { fetches: 0, notModified: 0, errors: 0, hits: 0, misses: 0, unknownKidRefetches: 0, staleServes: 0 };
  readonly #options: Required<JwksCacheOptions>;
  readonly #fetcher: JwksFetcher;
  readonly #cooldown: UnknownKidCooldown;
  readonly #keys = new ImportedKeys();
  #loaded = false;
  #freshUntil = 0;
  #etag: string | undefined;
  /** How many fetches have started; each fetch has a number, so a lookup can tell whether one was sent after it began. */
  #started = 0;
  #inFlight: { seq: number; promise: Promise<void> } | undefined;
  #retryAfter = 0;

  constructor(uri: string, options: JwksCacheOptions = {}) {
    this.uri = uri;
    this.#options = {
      ...jwksCacheDefaults,
      now: Date.now,
      fetch: globalThis.fetch.bind(globalThis),
      // An option given as undefined means "the default", not "no value".
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as JwksCacheOptions),
    };
    this.#fetcher = new JwksFetcher(uri, this.#options);
    this.#cooldown = new UnknownKidCooldown(this.#options.cooldownSeconds);
  }

  /** The kids currently cached. */
  get kids(): string[] {
    return this.#keys.kids;
  }

  /** The key for `kid` (for `alg`, default RS256), refreshing the JWKS when stale or when the kid is unknown (once per cooldown). */
  async getKey(kid: string, alg = 'RS256'): Promise<CryptoKey> {
    const now = this.#options.now();
    // Fetches numbered from `sentAfter` on are sent after this lookup began, so their answer is at least as new as the token.
    const sentAfter = this.#started + 1;
    // Past freshness, refresh; but while the endpoint is failing and stale keys can serve, retry only after a back-off,
    // so an outage does not make every verification wait for a timeout.
    const stale = now >= this.#freshUntil;
    const fetchedNow = !this.#loaded || (stale && (now >= this.#retryAfter || !this.#canServeStale(now)));
    const fetched = fetchedNow ? await this.#refreshOrServeStale(now) : null;
    if (!fetchedNow && stale) this.counters.staleServes++;

    let cached = this.#keys.get(kid);
    if (cached) {
      this.counters.hits++;
    } else {
      this.counters.misses++;
      if (fetched !== null && fetched < sentAfter) {
        // The fetch this lookup joined was sent before it began, perhaps before the key that signed the token was
        // published (a rotation in between): one request sent after the lookup began settles it. Every lookup in the
        // same position shares that request, so forged kids cost at most one request more per fetch.
        await this.#refreshOrServeStale(now, sentAfter);
        cached = this.#keys.get(kid);
      }
      if (!cached && fetchedNow) {
        // This lookup has just fetched (or tried to fetch) the JWKS: a further request now would learn nothing.
        // That fetch stands for the unknown kid's refetch, so the cooldown starts.
        this.#cooldown.start(now);
        throw new VerificationError('UNKNOWN_KID', `no key "${kid}" in ${this.uri}, fetched just now: the token was signed by a key this issuer does not publish (retired, or never its own)`);
      }
      if (!cached) {
        const elapsed = this.#cooldown.sinceStart(now);
        if (elapsed !== undefined) {
          throw new VerificationError(
            'UNKNOWN_KID',
            `no key "${kid}" in ${this.uri}; the JWKS was refetched for an unknown kid ${Math.round(elapsed / 1000)} s ago, so it is not fetched again for ${this.#cooldown.seconds} s`,
          );
        }
        this.#cooldown.start(now);
        this.counters.unknownKidRefetches++;
        await this.#refreshOrServeStale(now, sentAfter);
        cached = this.#keys.get(kid);
        if (!cached) {
          throw new VerificationError(
            'UNKNOWN_KID',
            `no key "${kid}" in ${this.uri}, even after refetching it: the token was signed by a key this issuer does not publish (retired, or never its own)`,
          );
        }
      }
    }
    // Awaited rather than returned: an async function that returns a promise takes two more microtask turns to settle.
    return await cached.forAlg(alg);
  }

  /**
   * The key {@link JwksCache.getKey} would resolve to, when nothing has to wait: the keys are fresh and this one
   * is cached and imported (counted as a hit). Otherwise undefined, and nothing changes: stale keys, an unknown
   * kid or a key not imported yet are getKey's to handle.
   */
  keyNow(kid: string, alg = 'RS256'): CryptoKey | undefined {
    if (!this.#loaded || this.#options.now() >= this.#freshUntil) return undefined;
    const key = this.#keys.get(kid)?.importedFor(alg);
    if (key) this.counters.hits++;
    return key;
  }

  /** The JWK (public) for `kid` if cached, without fetching. */
  peek(kid: string): JWK | undefined {
    return this.#keys.get(kid)?.jwk;
  }

  /** Refreshes with a fetch numbered `from` or later; resolves to its number, or null when it failed and stale keys serve. */
  async #refreshOrServeStale(now: number, from = 0): Promise<number | null> {
    try {
      const seq = await this.#refreshFrom(from);
      this.#retryAfter = 0;
      return seq;
    } catch (error) {
      this.#retryAfter = now + this.#options.retryBackoffSeconds * 1000;
      this.#serveStaleOrThrow(now, error as Error);
      return null;
    }
  }

  #canServeStale(now: number): boolean {
    return this.#loaded && this.#keys.size > 0 && now - this.#freshUntil <= this.#options.maxStaleSeconds * 1000;
  }

  #serveStaleOrThrow(now: number, error: Error): void {
    if (this.#canServeStale(now)) {
      this.counters.staleServes++;
      return;
    }
    const why = this.#loaded ? `and the cached keys are past the ${this.#options.maxStaleSeconds} s stale limit` : 'and no keys were cached before';
    const code = error instanceof RefusedJwks ? 'JWKS_INVALID' : 'JWKS_UNAVAILABLE';
    const what = error instanceof RefusedJwks ? 'refused the JWKS' : 'cannot fetch the JWKS';
    throw new VerificationError(code, `${what} from ${this.uri} (${error.message}) ${why}`, { cause: error });
  }

  /** Fetches (or revalidates) the JWKS now; concurrent calls share one request. */
  async refresh(): Promise<void> {
    await this.#refreshFrom(0);
  }

  /**
   * Completes a fetch numbered `from` or later and resolves to its number: joins the one in flight when it is
   * recent enough, else waits for it and then starts (or joins) the next. One request at a time, always.
   */
  async #refreshFrom(from: number): Promise<number> {
    for (;;) {
      const current = this.#inFlight;
      if (current && current.seq >= from) {
        await current.promise;
        return current.seq;
      }
      if (current) {
        await current.promise.catch(() => undefined);
        continue;
      }
      const seq = ++this.#started;
      const promise = this.#fetch().finally(() => {
        if (this.#inFlight?.seq === seq) this.#inFlight = undefined;
      });
      this.#inFlight = { seq, promise };
      await promise;
      return seq;
    }
  }

  /** One request through the fetcher, counted, and its answer taken in: new keys, or the cached ones fresh again. */
  async #fetch(): Promise<void> {
    this.counters.fetches++;
    let result: JwksFetchResult;
    try {
      result = await this.#fetcher.fetch(this.#loaded ? { etag: this.#etag } : null);
    } catch (error) {
      this.counters.errors++;
      throw error;
    }
    const now = this.#options.now();
    if (result.status === 'not-modified') {
      this.counters.notModified++;
      this.#freshUntil = now + result.maxAgeMs;
      return;
    }
    this.#keys.replace(result.keys);
    this.#etag = result.etag;
    this.#freshUntil = now + result.maxAgeMs;
    this.#loaded = true;
  }
}
