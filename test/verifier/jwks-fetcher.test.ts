/**
 * JwksFetcher alone: one request per call, what it sends (Accept,
 * If-None-Match), what it makes of the answer (keys and their ETag, a 304 for
 * a cached copy, the freshness Cache-Control grants) and what it refuses.
 * A fake fetch; nothing is cached between calls. (Through the cache, with a
 * clock: jwks-cache*.test.ts; limits over real HTTP: jwks-limits.test.ts.)
 */
import t from 'tap';
import { freshnessMs, JwksFetcher, parseJwks, RefusedJwks, type JwksFetcherOptions } from '../../src/verifier/jwks-fetcher.js';
import { jwksCacheDefaults } from '../../src/verifier/jwks-cache.js';
import { accessKey, FakeJwksEndpoint, idKey, jwksOf, jwksUri, networkError, timeoutError, type FakeReply } from '../helpers/verifier.js';

function fetcherFor(reply: FakeReply, options: Partial<JwksFetcherOptions> = {}) {
  const endpoint = new FakeJwksEndpoint(reply);
  return { endpoint, fetcher: new JwksFetcher(jwksUri, { ...jwksCacheDefaults, fetch: endpoint.fetch, ...options }) };
}

const failure = async (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => new Error('resolved'),
    (error: Error) => error,
  );

t.test('a 200: the usable keys, the ETag, and the freshness its Cache-Control grants', async (t) => {
  const { endpoint, fetcher } = fetcherFor({ body: jwksOf(accessKey, idKey), headers: { 'cache-control': 'public, max-age=60', etag: '"v1"' } });
  const result = await fetcher.fetch(null);
  t.same(result, { status: 'keys', keys: [accessKey.publicJwk, idKey.publicJwk], etag: '"v1"', maxAgeMs: 60_000 });
  t.equal(endpoint.calls, 1, 'one request');
  t.equal(endpoint.requests[0]!.url, jwksUri);
  t.equal(endpoint.requests[0]!.headers.get('accept'), 'application/json');
  t.equal(endpoint.requests[0]!.headers.get('if-none-match'), null, 'nothing cached, nothing to revalidate');

  await fetcher.fetch({ etag: '"v1"' });
  t.equal(endpoint.requests[1]!.headers.get('if-none-match'), '"v1"', 'a cached copy is revalidated with its ETag');
  await fetcher.fetch({ etag: undefined });
  t.equal(endpoint.requests[2]!.headers.get('if-none-match'), null, 'a copy without an ETag sends no If-None-Match');
});

t.test('a 304 keeps a cached copy fresh; with nothing cached it is a failure', async (t) => {
  const { fetcher } = fetcherFor({ status: 304, headers: { 'cache-control': 'max-age=30' } });
  t.same(await fetcher.fetch({ etag: '"v1"' }), { status: 'not-modified', maxAgeMs: 30_000 });
  t.same(await fetcher.fetch({ etag: undefined }), { status: 'not-modified', maxAgeMs: 30_000 }, 'even when no ETag was sent');
  t.match(await failure(fetcher.fetch(null)), { message: 'HTTP 304' });
});

t.test('failures are Errors that say what went wrong; what must not be trusted is a RefusedJwks', async (t) => {
  const outage = async (reply: FakeReply, message: string | RegExp, what: string) => {
    const error = await failure(fetcherFor(reply).fetcher.fetch(null));
    t.notOk(error instanceof RefusedJwks, `${what}: an outage, not a refusal`);
    t.match(error.message, message, what);
  };
  await outage({ status: 503 }, 'HTTP 503', 'an error status');
  await outage({ fail: networkError() }, 'connect ECONNREFUSED 127.0.0.1:1', 'a network error, by its cause');
  await outage({ fail: timeoutError() }, `no answer within ${jwksCacheDefaults.timeoutMs} ms`, 'a timeout');
  await outage({ body: 'not json' }, 'the response is not JSON', 'a body that is not JSON');
  await outage({ body: { keys: [] } }, 'no usable RSA signing keys', 'an empty key set');
  await outage({ body: jwksOf(accessKey), headers: { 'content-type': 'text/html' } }, /content type is "text\/html"/, 'an HTML page');

  const duplicate = await failure(fetcherFor({ body: { keys: [accessKey.publicJwk, { ...idKey.publicJwk, kid: accessKey.kid }] } }).fetcher.fetch(null));
  t.ok(duplicate instanceof RefusedJwks, 'two keys under one kid: refused');
  const redirected = await failure(fetcherFor({ status: 302, headers: { location: 'https://elsewhere.test/jwks.json' } }).fetcher.fetch(null));
  t.ok(redirected instanceof RefusedJwks, 'a redirect to another origin: refused');
  const large = await failure(fetcherFor({ body: jwksOf(accessKey) }, { maxJwksBytes: 100 }).fetcher.fetch(null));
  t.ok(large instanceof RefusedJwks, 'a body over maxJwksBytes: refused');
  t.ok(await fetcherFor({ body: jwksOf(accessKey), headers: { 'content-type': 'text/plain' } }, { requireJsonContentType: false }).fetcher.fetch(null), 'any content type when not required');
});

t.test('freshnessMs: max-age capped, the default without one, none for no-store and no-cache', async (t) => {
  const limits = { defaultMaxAgeSeconds: 600, maxMaxAgeSeconds: 3600 };
  t.equal(freshnessMs('public, max-age=60', limits), 60_000);
  t.equal(freshnessMs('MAX-AGE=60', limits), 60_000, 'case-insensitive');
  t.equal(freshnessMs(null, limits), 600_000, 'no Cache-Control: the default');
  t.equal(freshnessMs('public', limits), 600_000, 'no max-age: the default');
  t.equal(freshnessMs('max-age=31536000', limits), 3_600_000, 'capped at maxMaxAgeSeconds');
  t.equal(freshnessMs('max-age=0', limits), 0);
  t.equal(freshnessMs('no-store', limits), 0);
  t.equal(freshnessMs('private, no-cache, max-age=600', limits), 0, 'no-cache wins over max-age');
});

t.test('parseJwks keeps the RSA signing keys with a kid', async (t) => {
  const encryption = { ...idKey.publicJwk, kid: 'enc', use: 'enc' };
  const ec = { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'x', y: 'y' };
  const noKid = { ...idKey.publicJwk, kid: undefined };
  t.same(parseJwks(JSON.stringify({ keys: [accessKey.publicJwk, encryption, ec, noKid, null, 'x'] })), [accessKey.publicJwk]);
  const noUse = { ...accessKey.publicJwk, use: undefined };
  t.same(parseJwks(JSON.stringify({ keys: [noUse] })), [JSON.parse(JSON.stringify(noUse))], 'no "use" counts as a signing key');
  t.match(parseJwks('{"keys":{}}'), { message: 'the response has no "keys" array' });
});
