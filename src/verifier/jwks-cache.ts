import { importJWK, type CryptoKey, type JWK } from 'jose';
import { VerificationError } from './errors.js';

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

interface CachedKey {
  jwk: JWK;
  /** Imported keys by algorithm (RS256 and PS256 use the same RSA key differently). */
  keys: Map<string, Promise<CryptoKey>>;
}

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
 * Share one instance between verifiers of the same JWKS URI.
 *
 * @example
 * const cache = new JwksCache('http://127.0.0.1:4455/us-east-1_LocalPool/.well-known/jwks.json');
 * const key = await cache.getKey(kid);
 * console.log(cache.counters.fetches);
 */
export class JwksCache {
  readonly uri: string;
  readonly counters: JwksCacheCounters = { fetches: 0, notModified: 0, errors: 0, hits: 0, misses: 0, unknownKidRefetches: 0, staleServes: 0 };
  readonly #options: Required<JwksCacheOptions>;
  #keys = new Map<string, CachedKey>();
  #loaded = false;
  #freshUntil = 0;
  #etag: string | undefined;
  #lastUnknownKidRefetchAt = Number.NEGATIVE_INFINITY;
  /** How many fetches have started; each fetch has a number, so a lookup can tell whether one was sent after it began. */
  #started = 0;
  #inFlight: { seq: number; promise: Promise<void> } | undefined;
  #retryAfter = 0;

  constructor(uri: string, options: JwksCacheOptions = {}) {
    this.uri = uri;
    this.#options = {
      defaultMaxAgeSeconds: 600,
      maxMaxAgeSeconds: 86_400,
      cooldownSeconds: 30,
      timeoutMs: 5000,
      maxStaleSeconds: 3600,
      retryBackoffSeconds: 10,
      maxJwksBytes: 512 * 1024,
      requireJsonContentType: true,
      now: Date.now,
      fetch: globalThis.fetch.bind(globalThis),
      // An option given as undefined means "the default", not "no value".
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as JwksCacheOptions),
    };
  }

  /** The kids currently cached. */
  get kids(): string[] {
    return [...this.#keys.keys()];
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
        this.#lastUnknownKidRefetchAt = now;
        throw new VerificationError('UNKNOWN_KID', `no key "${kid}" in ${this.uri}, fetched just now: the token was signed by a key this issuer does not publish (retired, or never its own)`);
      }
      if (!cached) {
        const elapsed = now - this.#lastUnknownKidRefetchAt;
        if (elapsed < this.#options.cooldownSeconds * 1000) {
          throw new VerificationError(
            'UNKNOWN_KID',
            `no key "${kid}" in ${this.uri}; the JWKS was refetched for an unknown kid ${Math.round(elapsed / 1000)} s ago, so it is not fetched again for ${this.#options.cooldownSeconds} s`,
          );
        }
        this.#lastUnknownKidRefetchAt = now;
        this.counters.unknownKidRefetches++;
        await this.#refreshOrServeStale(now, sentAfter);
        cached = this.#keys.get(kid);
        if (!cached) {
          throw new VerificationError('UNKNOWN_KID', `no key "${kid}" in ${this.uri}, even after refetching it: the token was signed by a key this issuer does not publish (retired, or never its own)`);
        }
      }
    }
    let key = cached.keys.get(alg);
    if (!key) {
      key = importJWK(cached.jwk, alg) as Promise<CryptoKey>;
      // A key that cannot be imported is not kept, so a corrected JWKS can replace it.
      key.catch(() => cached!.keys.delete(alg));
      cached.keys.set(alg, key);
    }
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

  async #fetch(): Promise<void> {
    this.counters.fetches++;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#etag && this.#loaded) headers['if-none-match'] = this.#etag;
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(this.#options.timeoutMs);
      response = await this.#get(headers, signal);
      if (response.ok) text = await this.#readBody(response);
      else {
        text = '';
        await response.body?.cancel().catch(() => undefined);
      }
    } catch (error) {
      this.counters.errors++;
      if (error instanceof RefusedJwks) throw error;
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new Error(timedOut ? `no answer within ${this.#options.timeoutMs} ms` : String((error as { cause?: Error }).cause?.message ?? (error as Error).message));
    }
    const now = this.#options.now();
    if (response.status === 304 && this.#loaded) {
      this.counters.notModified++;
      this.#freshUntil = now + this.#maxAgeMs(response);
      return;
    }
    if (!response.ok) {
      this.counters.errors++;
      throw new Error(`HTTP ${response.status}`);
    }
    const keys = parseJwks(text);
    if (keys instanceof Error) {
      this.counters.errors++;
      throw keys;
    }
    const previous = this.#keys;
    const same = (a: JWK | undefined, b: JWK) => a !== undefined && a.n === b.n && a.e === b.e && a.alg === b.alg;
    this.#keys = new Map(keys.map((jwk) => [jwk.kid!, same(previous.get(jwk.kid!)?.jwk, jwk) ? previous.get(jwk.kid!)! : { jwk, keys: new Map() }]));
    this.#etag = response.headers.get('etag') ?? undefined;
    this.#freshUntil = now + this.#maxAgeMs(response);
    this.#loaded = true;
  }

  /**
   * GETs the JWKS, following redirects only within its origin: keys fetched from another origin than the
   * one configured would let whoever controls a redirect choose the keys tokens are checked with.
   */
  async #get(headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
    let url = this.uri;
    for (let hops = 0; ; hops++) {
      const response = await this.#options.fetch(url, { headers, signal, redirect: 'manual' });
      if (!redirectStatuses.has(response.status)) return response;
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (location === null) throw new Error(`HTTP ${response.status} without a Location`);
      const next = new URL(location, url);
      if (next.origin !== new URL(this.uri).origin) throw new RefusedJwks(`a redirect to another origin, ${next.origin}`);
      if (hops >= maxRedirects) throw new RefusedJwks(`more than ${maxRedirects} redirects`);
      url = next.href;
    }
  }

  /** The body as text, read piece by piece and abandoned past `maxJwksBytes`; refused unless its content type is JSON. */
  async #readBody(response: Response): Promise<string> {
    const contentType = (response.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
    if (this.#options.requireJsonContentType && !jsonContentTypes.has(contentType)) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`the content type is ${contentType === '' ? 'missing' : JSON.stringify(contentType)}, not application/json or application/jwk-set+json`);
    }
    const limit = this.#options.maxJwksBytes;
    const tooLarge = () => new RefusedJwks(`the body is larger than maxJwksBytes (${limit} bytes)`);
    if (Number(response.headers.get('content-length') ?? 0) > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  }

  #maxAgeMs(response: Response): number {
    const cacheControl = response.headers.get('cache-control') ?? '';
    if (/\b(no-store|no-cache)\b/i.test(cacheControl)) return 0;
    const match = /\bmax-age=(\d+)/i.exec(cacheControl);
    const seconds = match ? Number(match[1]) : this.#options.defaultMaxAgeSeconds;
    return Math.min(seconds, this.#options.maxMaxAgeSeconds) * 1000;
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
const jsonContentTypes = new Set(['application/json', 'application/jwk-set+json']);

/**
 * The endpoint answered with something a verifier must not take keys from (not a mere outage): a redirect
 * to another origin, a body over the size limit, two keys with one kid. Rejected as `JWKS_INVALID`.
 */
class RefusedJwks extends Error {}

/** The usable signing keys of a JWKS document, or an Error saying why there are none. */
function parseJwks(text: string): JWK[] | Error {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return new Error('the response is not JSON');
  }
  const keys = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) return new Error('the response has no "keys" array');
  // Two keys under one kid: which one signed a token is ambiguous, and one of them may be planted.
  const kids = new Set<string>();
  for (const key of keys) {
    const kid = (key as JWK | null)?.kid;
    if (typeof kid !== 'string') continue;
    if (kids.has(kid)) return new RefusedJwks(`the key set has two keys with the kid "${kid.slice(0, 100)}"`);
    kids.add(kid);
  }
  const usable = keys.filter(
    (k): k is JWK =>
      typeof k === 'object' && k !== null && typeof (k as JWK).kid === 'string' && (k as JWK).kty === 'RSA' && ((k as JWK).use ?? 'sig') === 'sig',
  );
  // An issuer never publishes an empty key set on purpose: treat it as a fault and keep what we have.
  if (usable.length === 0) return new Error('the key set has no usable RSA signing keys');
  return usable;
}
