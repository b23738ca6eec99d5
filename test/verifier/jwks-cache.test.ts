/**
 * JwksCache when the endpoint behaves: freshness from Cache-Control, ETag
 * revalidation, the unknown-kid refetch and its cooldown, shared in-flight
 * fetches, and the counters. A fake fetch and a fake clock; nothing sleeps.
 * (Failures, timeouts and stale keys: jwks-cache-failures.test.ts.)
 */
import t from 'tap';
import { JwksCache, type JwksCacheOptions } from '../../src/verifier/jwks-cache.js';
import { accessKey, FakeClock, FakeJwksEndpoint, idKey, jwksOf, jwksUri, otherKey, rejectsWith, type FakeReply } from '../helpers/verifier.js';

function setup(reply?: FakeReply, options: JwksCacheOptions = {}) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint(reply);
  const cache = new JwksCache(jwksUri, { now: clock.now, fetch: endpoint.fetch, ...options });
  return { clock, endpoint, cache };
}

/** A 200 with these keys and this Cache-Control (none when null). */
const jwks = (cacheControl: string | null, ...keys: Parameters<typeof jwksOf>): FakeReply => ({
  body: jwksOf(...keys),
  headers: cacheControl === null ? {} : { 'cache-control': cacheControl },
});

t.test('Cache-Control max-age: no refetch while fresh, one refetch once it has passed', async (t) => {
  const { clock, endpoint, cache } = setup(jwks('public, max-age=60', accessKey));
  t.equal(endpoint.calls, 0, 'nothing fetched before the first lookup');
  const key = await cache.getKey(accessKey.kid);
  t.equal(endpoint.calls, 1, 'first lookup fetches');
  t.equal(endpoint.requests[0]!.url, jwksUri);
  t.equal(endpoint.requests[0]!.headers.get('accept'), 'application/json');
  clock.ms += 59_999;
  t.equal(await cache.getKey(accessKey.kid), key, 'the same key object while fresh');
  t.equal(endpoint.calls, 1, '1 ms before max-age: no refetch');
  clock.ms += 1;
  await cache.getKey(accessKey.kid);
  t.equal(endpoint.calls, 2, 'at max-age: refetched');
  clock.ms += 30_000;
  await cache.getKey(accessKey.kid);
  t.equal(endpoint.calls, 2, 'fresh again for another max-age');
  t.same(cache.kids, [accessKey.kid]);
});

t.test('no max-age: defaultMaxAgeSeconds (600 s, or as configured); maxMaxAgeSeconds caps a long one', async (t) => {
  const plain = setup(jwks(null, accessKey));
  await plain.cache.getKey(accessKey.kid);
  plain.clock.advanceSeconds(599);
  await plain.cache.getKey(accessKey.kid);
  t.equal(plain.endpoint.calls, 1, 'fresh for 599 s');
  plain.clock.advanceSeconds(1);
  await plain.cache.getKey(accessKey.kid);
  t.equal(plain.endpoint.calls, 2, 'refetched at 600 s');

  const configured = setup(jwks('public', accessKey), { defaultMaxAgeSeconds: 10 });
  await configured.cache.getKey(accessKey.kid);
  configured.clock.advanceSeconds(10);
  await configured.cache.getKey(accessKey.kid);
  t.equal(configured.endpoint.calls, 2, 'a Cache-Control without max-age uses the default (10 s here)');

  const capped = setup(jwks('max-age=31536000', accessKey), { maxMaxAgeSeconds: 100 });
  await capped.cache.getKey(accessKey.kid);
  capped.clock.advanceSeconds(99);
  await capped.cache.getKey(accessKey.kid);
  t.equal(capped.endpoint.calls, 1);
  capped.clock.advanceSeconds(1);
  await capped.cache.getKey(accessKey.kid);
  t.equal(capped.endpoint.calls, 2, 'a year of max-age is capped at 100 s');
});

t.test('no-store, no-cache and max-age=0: revalidate on every lookup', async (t) => {
  for (const cacheControl of ['no-store', 'no-cache', 'max-age=0', 'private, no-cache, max-age=600', 'NO-STORE']) {
    const { endpoint, cache } = setup(jwks(cacheControl, accessKey));
    for (let i = 0; i < 3; i++) await cache.getKey(accessKey.kid);
    t.equal(endpoint.calls, 3, `${cacheControl}: three lookups at the same instant, three requests`);
  }
});

t.test('ETag: revalidated with If-None-Match; a 304 keeps the keys and renews freshness', async (t) => {
  const { clock, endpoint, cache } = setup();
  endpoint.queue({ body: jwksOf(accessKey), headers: { 'cache-control': 'max-age=60', etag: '"v1"' } });
  endpoint.reply = { status: 304, headers: { 'cache-control': 'max-age=60', etag: '"v1"' } };
  const key = await cache.getKey(accessKey.kid);
  t.equal(endpoint.requests[0]!.headers.get('if-none-match'), null, 'the first request has nothing to revalidate');
  clock.advanceSeconds(60);
  t.equal(await cache.getKey(accessKey.kid), key, 'after a 304: the same key');
  t.equal(endpoint.requests[1]!.headers.get('if-none-match'), '"v1"', 'the stale copy is revalidated with its ETag');
  t.equal(cache.counters.notModified, 1);
  clock.advanceSeconds(59);
  await cache.getKey(accessKey.kid);
  t.equal(endpoint.calls, 2, "the 304's max-age made it fresh again");
  clock.advanceSeconds(1);
  endpoint.queue({ body: jwksOf(accessKey, idKey), headers: { 'cache-control': 'max-age=60', etag: '"v2"' } });
  await cache.getKey(idKey.kid);
  t.equal(endpoint.calls, 3, 'a changed JWKS comes back as a 200');
  t.same(cache.kids.sort(), [accessKey.kid, idKey.kid].sort(), 'with the new key');
  clock.advanceSeconds(60);
  await cache.getKey(idKey.kid);
  t.equal(endpoint.requests[3]!.headers.get('if-none-match'), '"v2"', 'and its new ETag is the one sent next');
  t.equal(cache.counters.notModified, 2);

  const untagged = setup(jwks('max-age=1', accessKey));
  await untagged.cache.getKey(accessKey.kid);
  untagged.clock.advanceSeconds(1);
  await untagged.cache.getKey(accessKey.kid);
  t.equal(untagged.endpoint.requests[1]!.headers.get('if-none-match'), null, 'no ETag, no If-None-Match');
});

t.test('an unknown kid: exactly one refetch, then a cooldown without fetching, then one more refetch', async (t) => {
  const { clock, endpoint, cache } = setup(jwks('max-age=3600', accessKey), { cooldownSeconds: 30 });
  await cache.getKey(accessKey.kid);
  t.equal(endpoint.calls, 1);

  await rejectsWith(t, cache.getKey('unknown-1'), 'UNKNOWN_KID', 'an unknown kid');
  t.equal(endpoint.calls, 2, 'after exactly one refetch');
  t.equal(cache.counters.unknownKidRefetches, 1);

  endpoint.reply = jwks('max-age=3600', accessKey, otherKey); // a new key appears at the IdP
  for (const [seconds, kid] of [
    [1, 'unknown-2'],
    [10, 'unknown-3'],
    [18.999, otherKey.kid],
  ] as const) {
    clock.advanceSeconds(seconds);
    await rejectsWith(t, cache.getKey(kid), 'UNKNOWN_KID', `${kid} during the cooldown`);
  }
  t.equal(endpoint.calls, 2, 'no request during the cooldown, not even for a kid the IdP now has');
  await t.resolves(cache.getKey(accessKey.kid), 'known kids are served meanwhile');
  t.equal(endpoint.calls, 2);

  clock.advanceSeconds(0.001);
  await t.resolves(cache.getKey(otherKey.kid), 'after the cooldown: the new key, found by one refetch');
  t.equal(endpoint.calls, 3);
  await rejectsWith(t, cache.getKey('unknown-4'), 'UNKNOWN_KID', 'the next unknown kid');
  t.equal(endpoint.calls, 3, 'falls in the cooldown that refetch started');
  t.equal(cache.counters.unknownKidRefetches, 2);
});

t.test('20 concurrent lookups on an empty cache share one fetch', async (t) => {
  const { endpoint, cache } = setup(jwks('max-age=60', accessKey, idKey));
  const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.getKey(i % 2 ? accessKey.kid : idKey.kid)));
  t.equal(endpoint.calls, 1, 'one request');
  t.equal(new Set(keys).size, 2, 'two keys, each imported once');
  t.equal(cache.counters.hits, 20);

  const cold = setup(jwks('max-age=60', accessKey));
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => cold.cache.getKey(`forged-${i}`)));
  t.ok(
    results.every((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'UNKNOWN_KID'),
    '20 forged kids at once: all UNKNOWN_KID',
  );
  t.equal(cold.endpoint.calls, 2, 'and cost two requests: the load, and one sent after the other 19 lookups began (they joined a fetch sent before them)');
});

t.test('a lookup that joins a fetch sent before it began asks once more before calling a kid unknown (rotation race)', async (t) => {
  const { endpoint, cache } = setup(jwks('max-age=0', accessKey));
  // The first request answers the key set as it was when it was sent; the key that signed the second token came after.
  endpoint.queue(jwks('max-age=0', accessKey));
  endpoint.reply = jwks('max-age=0', accessKey, otherKey);
  const first = cache.getKey(accessKey.kid);
  const second = cache.getKey(otherKey.kid);
  await t.resolves(first);
  await t.resolves(second, 'the new key is found: no false UNKNOWN_KID');
  t.equal(endpoint.calls, 2, 'one request more, sent after the second lookup began');
  t.equal(cache.counters.unknownKidRefetches, 0, 'no cooldown started');
  await t.resolves(cache.getKey(otherKey.kid), 'and the next lookup (stale at max-age 0) refetches and finds it too');
});

t.test('a lookup that has just fetched the JWKS does not fetch it again for an unknown kid', async (t) => {
  const cold = setup(jwks('max-age=60', accessKey), { cooldownSeconds: 30 });
  await rejectsWith(t, cold.cache.getKey('forged-1'), 'UNKNOWN_KID', 'an unknown kid on an empty cache');
  t.equal(cold.endpoint.calls, 1, 'one request: the first load is the refetch');
  await rejectsWith(t, cold.cache.getKey('forged-2'), 'UNKNOWN_KID', 'another unknown kid right after');
  t.equal(cold.endpoint.calls, 1, 'the cooldown has started');

  const stale = setup(jwks('max-age=60', accessKey), { cooldownSeconds: 30 });
  await stale.cache.getKey(accessKey.kid);
  stale.clock.advanceSeconds(60);
  await rejectsWith(t, stale.cache.getKey('forged-1'), 'UNKNOWN_KID', 'an unknown kid when the cache is due for revalidation');
  t.equal(stale.endpoint.calls, 2, 'one request: the revalidation, not a second one for the kid');
  stale.clock.advanceSeconds(30);
  await rejectsWith(t, stale.cache.getKey('forged-2'), 'UNKNOWN_KID', 'after the cooldown');
  t.equal(stale.endpoint.calls, 3, 'one refetch');
});

t.test('refresh(): concurrent callers share the request in flight', async (t) => {
  const { endpoint, cache } = setup(jwks('max-age=60', accessKey));
  await Promise.all([cache.refresh(), cache.refresh(), cache.refresh()]);
  t.equal(endpoint.calls, 1);
  await cache.refresh();
  t.equal(endpoint.calls, 2, 'a later call makes a new request');
  t.same(cache.peek(accessKey.kid), accessKey.publicJwk, 'peek returns the cached JWK');
  t.equal(cache.peek('nope'), undefined);
  t.equal(endpoint.calls, 2, 'peek never fetches');
});

t.test('counters add up', async (t) => {
  const { clock, endpoint, cache } = setup(jwks('max-age=60', accessKey, idKey), { cooldownSeconds: 10 });
  let lookups = 0;
  const lookup = async (kid: string) => {
    lookups++;
    await cache.getKey(kid).catch(() => undefined);
  };
  await lookup(accessKey.kid); // load + hit
  await lookup(idKey.kid); // hit
  await lookup('unknown-a'); // miss + refetch
  await lookup('unknown-b'); // miss, cooldown
  clock.advanceSeconds(60);
  endpoint.queue({ status: 304, headers: { 'cache-control': 'max-age=60' } });
  await lookup(accessKey.kid); // revalidation (no ETag sent, but the fake answers 304 anyway) + hit
  await lookup('unknown-c'); // miss + refetch (cooldown over)
  const c = cache.counters;
  t.equal(c.hits + c.misses, lookups, `hits (${c.hits}) + misses (${c.misses}) = lookups (${lookups})`);
  t.equal(c.hits, 3);
  t.equal(c.misses, 3);
  t.equal(c.fetches, endpoint.calls, 'fetches = requests the endpoint saw');
  t.equal(c.fetches, 4);
  t.equal(c.unknownKidRefetches, 2);
  t.equal(c.notModified, 1);
  t.equal(c.errors, 0);
  t.equal(c.staleServes, 0);
});

t.test('keyNow: the key getKey resolves to, only while nothing has to wait; nothing changes otherwise', async (t) => {
  const { clock, endpoint, cache } = setup(jwks('max-age=60', accessKey));
  t.equal(cache.keyNow(accessKey.kid), undefined, 'nothing loaded yet');
  t.equal(endpoint.calls, 0, 'and keyNow never fetches');
  const key = await cache.getKey(accessKey.kid);
  const hits = cache.counters.hits;
  t.equal(cache.keyNow(accessKey.kid), key, 'fresh and imported: the very same object');
  t.equal(cache.counters.hits, hits + 1, 'counted as a hit, as getKey counts it');
  t.equal(cache.keyNow(accessKey.kid, 'PS256'), undefined, 'an algorithm not imported yet');
  t.equal(cache.keyNow(idKey.kid), undefined, 'an unknown kid');
  t.equal(cache.counters.misses, 0, 'is not counted: getKey will');
  clock.ms += 60_000;
  t.equal(cache.keyNow(accessKey.kid), undefined, 'stale: getKey must revalidate');
  t.equal(endpoint.calls, 1);
});
