/**
 * POST /_mock/verify with `"cache": "shared"`: the server's caching verifier,
 * one mock-idp/verifier JWKS cache per JWKS URI kept between calls, on the
 * server's clock. Its copy ages with the clock (no waiting: the clock is
 * shifted), a retired key's tokens pass while the copy is fresh, an unknown
 * kid refetches once (then the cooldown), and the report says which.
 */
import t, { type Test } from 'tap';
import { call, startTestIdp, type TestIdp } from '../../helpers/idp.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

const local = 'us-east-1_LocalPool';

const mint = async (idp: TestIdp, body: object = {}) => (await call(idp, 'POST', '/_mock/tokens', body)).body as { token: string; header: { kid: string } };
const cached = async (idp: TestIdp, token: string) => (await call(idp, 'POST', '/_mock/verify', { token, cache: 'shared' })).body;
const fresh = async (idp: TestIdp, token: string) => (await call(idp, 'POST', '/_mock/verify', { token })).body;
const shift = async (t: Test, idp: TestIdp, seconds: number) => t.equal((await call(idp, 'POST', '/_mock/clock', { advanceSeconds: seconds })).status, 200, `the clock moves ${seconds} s on`);

t.test('the caching verifier keeps its copy for max-age on the server clock, refetches on an unknown kid, and says which', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const jwksMaxAge = Number(/max-age=(\d+)/.exec((await fetch(idp.jwksUri())).headers.get('cache-control') ?? '')![1]);
  t.equal(jwksMaxAge, 300, 'the configured max-age (no rotation schedule)');

  const first = await mint(idp);
  let report = await cached(idp, first.token);
  t.same(report.verdict, { accept: true });
  t.match(report.cache, { source: 'fetched', reason: 'first-use', ageSeconds: 0, maxAgeSeconds: jwksMaxAge, fetchedAt: '2030-01-01T00:00:00.000Z', cooldownSeconds: 30, fetches: 1 });
  t.ok(report.cache.kids.includes(first.header.kid));
  t.notOk('cache' in (await fresh(idp, first.token)), 'a fresh verification has no cache report');

  await shift(t, idp, 100);
  report = await cached(idp, first.token);
  t.match(report.cache, { source: 'cache', reason: null, ageSeconds: 100, maxAgeSeconds: jwksMaxAge, fetches: 1 }, "the copy's age is the server clock's shift");

  // A rotation: the new key signs; the copy does not have its kid, so the verifier refetches once and accepts.
  t.equal((await call(idp, 'POST', '/_mock/keys/rotate', { pool: local, tokenUse: 'id' })).status, 200);
  const second = await mint(idp);
  t.not(second.header.kid, first.header.kid);
  report = await cached(idp, second.token);
  t.same(report.verdict, { accept: true }, 'a new key is accepted at once');
  t.match(report.cache, { source: 'fetched', reason: 'unknown-kid', ageSeconds: 0, fetches: 2 });
  t.ok(report.cache.kids.includes(second.header.kid));

  // The first key retires: the copy (fresh for max-age) still has it, a fresh fetch does not.
  await shift(t, idp, 60);
  t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(first.header.kid)}/retire`)).status, 200);
  report = await cached(idp, first.token);
  t.same(report.verdict, { accept: true }, 'the caching verifier still accepts the retired key');
  t.match(report.cache, { source: 'cache', ageSeconds: 60, fetches: 2 });
  t.ok(report.cache.kids.includes(first.header.kid), 'its copy still lists the retired kid');
  t.match((await fresh(idp, first.token)).verdict, { accept: false, code: 'UNKNOWN_KID' }, 'a fresh fetch says UNKNOWN_KID');

  // Past max-age the copy is refreshed, and the retirement reaches the caching verifier.
  await shift(t, idp, jwksMaxAge - 60 + 1);
  report = await cached(idp, first.token);
  t.match(report.verdict, { accept: false, code: 'UNKNOWN_KID' });
  t.match(report.cache, { source: 'fetched', reason: 'expired', ageSeconds: 0, fetches: 3, fetchedAt: '2030-01-01T00:06:41.000Z' });
  t.notOk(report.cache.kids.includes(first.header.kid));

  // That fetch stands for an unknown kid's refetch: another unknown kid within the cooldown fetches nothing.
  const forged = await mint(idp, { scenario: 'unknown-kid' });
  report = await cached(idp, forged.token);
  t.match(report.verdict, { accept: false, code: 'UNKNOWN_KID', message: /not fetched again for 30 s/ });
  t.match(report.cache, { source: 'cache', fetches: 3 });
  await shift(t, idp, 31);
  report = await cached(idp, forged.token);
  t.match(report.verdict, { accept: false, code: 'UNKNOWN_KID', message: /even after refetching/ });
  t.match(report.cache, { source: 'fetched', reason: 'unknown-kid', fetches: 4 });
});

t.test('DELETE /_mock/verify/cache and POST /_mock/reset forget the copies; each JWKS URI has its own', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const { token } = await mint(idp);
  t.match((await cached(idp, token)).cache, { source: 'fetched', reason: 'first-use' });
  t.match((await cached(idp, token)).cache, { source: 'cache', fetches: 1 });

  const teams = (await call(idp, 'POST', '/_mock/verify', { token, pool: 'eu-west-1_TeamsPool', cache: 'shared' })).body;
  t.match(teams.verdict, { accept: false, code: 'UNKNOWN_KID' }, "another pool's JWKS does not have the key");
  t.match(teams.cache, { source: 'fetched', reason: 'first-use', fetches: 1 }, 'its own cache');

  const crossSite = await fetch(`${idp.url}/_mock/verify/cache`, { method: 'DELETE', headers: { origin: 'https://elsewhere.example' } });
  t.equal(crossSite.status, 415, "a page's bodyless DELETE (no Content-Type: application/json) changes nothing");
  t.match((await cached(idp, token)).cache, { source: 'cache', fetches: 1 }, 'and the copy is kept');

  const forget = await call(idp, 'DELETE', '/_mock/verify/cache');
  t.equal(forget.status, 204);
  t.match((await cached(idp, token)).cache, { source: 'fetched', reason: 'first-use', fetches: 1 }, 'a new caching verifier after DELETE');

  t.equal((await call(idp, 'POST', '/_mock/reset')).status, 200);
  t.match((await cached(idp, token)).cache, { source: 'fetched', reason: 'first-use', fetches: 1 }, 'and after a reset');

  t.equal((await call(idp, 'POST', '/_mock/verify', { token, cache: 'sometimes' })).status, 400, 'cache is "none" or "shared"');
  t.notOk('cache' in (await call(idp, 'POST', '/_mock/verify', { token, cache: 'none' })).body, '"none" fetches as before');
});

t.test('a JWKS outage: the caching verifier serves its copy and says it came from the cache', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const { token } = await mint(idp);
  await cached(idp, token);
  await shift(t, idp, 301);
  t.equal((await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 })).status, 200);
  const report = await cached(idp, token);
  t.same(report.verdict, { accept: true }, 'stale keys serve through an outage');
  t.match(report.cache, { source: 'cache', reason: null, ageSeconds: 301, fetches: 2 });
  t.match((await fresh(idp, token)).verdict, { accept: false, code: 'JWKS_UNAVAILABLE' }, 'a new verifier has nothing to serve');
});
