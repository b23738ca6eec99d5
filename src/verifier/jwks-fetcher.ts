import type { JWK } from 'jose';

/** How a {@link JwksFetcher} fetches; `JwksCacheOptions` documents each (and `jwksCacheDefaults` their defaults). */
export interface JwksFetcherOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxJwksBytes: number;
  requireJsonContentType: boolean;
  defaultMaxAgeSeconds: number;
  maxMaxAgeSeconds: number;
}

/** What one request learnt: a key set, or (a 304) that the cached one still holds; each fresh for `maxAgeMs`. */
export type JwksFetchResult = { status: 'keys'; keys: JWK[]; etag: string | undefined; maxAgeMs: number } | { status: 'not-modified'; maxAgeMs: number };

/**
 * The endpoint answered with something a verifier must not take keys from (not a mere outage): a redirect
 * to another origin, a body over the size limit, two keys with one kid. Rejected as `JWKS_INVALID`.
 */
export class RefusedJwks extends Error {}

/**
 * One JWKS URI's HTTP side, one request per {@link JwksFetcher.fetch}: a GET
 * with a timeout, redirects followed only within the URI's origin, a JSON
 * content type required, the body read piece by piece up to a size limit,
 * `If-None-Match` with the cached copy's ETag, and the freshness its
 * `Cache-Control` grants. It keeps nothing between requests: caching,
 * sharing requests and counting them are the cache's.
 *
 * @example
 * const fetcher = new JwksFetcher(uri, { fetch, timeoutMs: 5000, maxJwksBytes: 512 * 1024, requireJsonContentType: true, defaultMaxAgeSeconds: 600, maxMaxAgeSeconds: 86_400 });
 * const result = await fetcher.fetch({ etag: '"v1"' }); // { status: 'not-modified', maxAgeMs: 600000 }
 */
export class JwksFetcher {
  readonly uri: string;
  readonly #options: JwksFetcherOptions;

  constructor(uri: string, options: JwksFetcherOptions) {
    this.uri = uri;
    this.#options = options;
  }

  /**
   * GETs the JWKS. `cached` is the copy the caller holds (with its ETag, if it had one), so that a 304 can
   * keep it; null when it holds none, and then a 304 is a failure. Throws an Error saying what went wrong
   * (an outage), or a {@link RefusedJwks}.
   */
  async fetch(cached: { etag: string | undefined } | null): Promise<JwksFetchResult> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
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
      if (error instanceof RefusedJwks) throw error;
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new Error(timedOut ? `no answer within ${this.#options.timeoutMs} ms` : String((error as { cause?: Error }).cause?.message ?? (error as Error).message), { cause: error });
    }
    const maxAgeMs = freshnessMs(response.headers.get('cache-control'), this.#options);
    if (response.status === 304 && cached) return { status: 'not-modified', maxAgeMs };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const keys = parseJwks(text);
    if (keys instanceof Error) throw keys;
    return { status: 'keys', keys, etag: response.headers.get('etag') ?? undefined, maxAgeMs };
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
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
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
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
const jsonContentTypes = new Set(['application/json', 'application/jwk-set+json']);

/**
 * How long a response keeps the keys fresh, from its `Cache-Control`: none for `no-store` or `no-cache`,
 * else `max-age` (the default when it has none), at most `maxMaxAgeSeconds`.
 *
 * @example
 * freshnessMs('public, max-age=60', { defaultMaxAgeSeconds: 600, maxMaxAgeSeconds: 86_400 }); // 60000
 */
export function freshnessMs(cacheControl: string | null, limits: Pick<JwksFetcherOptions, 'defaultMaxAgeSeconds' | 'maxMaxAgeSeconds'>): number {
  const value = cacheControl ?? '';
  if (/\b(no-store|no-cache)\b/i.test(value)) return 0;
  const match = /\bmax-age=(\d+)/i.exec(value);
  const seconds = match ? Number(match[1]) : limits.defaultMaxAgeSeconds;
  return Math.min(seconds, limits.maxMaxAgeSeconds) * 1000;
}

/** The usable signing keys of a JWKS document, or an Error saying why there are none. */
export function parseJwks(text: string): JWK[] | Error {
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
  const usable = keys.filter((k): k is JWK => typeof k === 'object' && k !== null && typeof (k as JWK).kid === 'string' && (k as JWK).kty === 'RSA' && ((k as JWK).use ?? 'sig') === 'sig');
  // An issuer never publishes an empty key set on purpose: treat it as a fault and keep what we have.
  if (usable.length === 0) return new Error('the key set has no usable RSA signing keys');
  return usable;
}
