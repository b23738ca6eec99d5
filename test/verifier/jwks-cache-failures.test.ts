/**
 * JwksCache when the endpoint misbehaves: timeouts, error statuses, bodies
 * that are not a usable key set, network errors; stale keys serving up to
 * maxStaleSeconds past freshness; keys it must ignore; a key replaced under
 * the same kid. A fake fetch and a fake clock (the one real timeout is 50 ms).
 */
import t from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { JwksCache, type JwksCacheOptions } from '../../src/verifier/jwks-cache.js';
import {
  accessClaims,
  accessKey,
  FakeClock,
  FakeJwksEndpoint,
  idKey,
  issuer,
  jwksOf,
  jwksUri,
  networkError,
  otherKey,
  rejectsWith,
  signToken,
  spa,
  timeoutError,
  type FakeReply,
} from '../helpers/verifier.js';

function setup(reply?: FakeReply, options: JwksCacheOptions = {}) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint(reply);
  const cache = new JwksCache(jwksUri, { now: clock.now, fetch: endpoint.fetch, ...options });
  return { clock, endpoint, cache };
}

const ok = (...keys: Parameters<typeof jwksOf>): FakeReply => ({ body: jwksOf(...keys), headers: { 'cache-control': 'max-age=60' } });
const ecKey = { kty: 'EC', crv: 'P-256', kid: 'ec-1', use: 'sig', alg: 'ES256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

/** Every way a JWKS request can fail. */
const failures: Array<[string, () => FakeReply]> = [
  ['503', () => ({ status: 503, body: 'Service Unavailable' })],
  ['500 with a JWKS body', () => ({ status: 500, body: jwksOf(accessKey) })],
  ['404', () => ({ status: 404, body: { message: 'Not Found' } })],
  ['malformed JSON', () => ({ body: '{"keys": [' })],
  ['an HTML page', () => ({ body: '<html>login</html>', headers: { 'content-type': 'text/html' } })],
  ['{"keys": []}', () => ({ body: { keys: [] } })],
  ['no keys member', () => ({ body: {} })],
  ['keys not a list', () => ({ body: { keys: jwksOf(accessKey).keys[0] } })],
  ['JSON null', () => ({ body: 'null' })],
  ['only unusable keys', () => ({ body: { keys: [ecKey, { ...accessKey.publicJwk, use: 'enc' }] } })],
  ['a network error', () => ({ fail: networkError() })],
  ['a timeout', () => ({ fail: timeoutError() })],
];

t.test('a fetch that hangs is aborted after timeoutMs → JWKS_UNAVAILABLE', async (t) => {
  const { endpoint, cache } = setup({ hang: true }, { timeoutMs: 50 });
  // The endpoint never answers: a cache that did not abort would hang until tap's timeout fails the test.
  await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_UNAVAILABLE', 'a hanging endpoint');
  t.equal(endpoint.calls, 1);
  t.equal(cache.counters.errors, 1);
  endpoint.reply = ok(accessKey);
  await t.resolves(cache.getKey(accessKey.kid), 'the next lookup tries again and succeeds');
});

t.test('the first fetch fails → JWKS_UNAVAILABLE (nothing to fall back on), and the failure is not cached', async (t) => {
  for (const [what, reply] of [...failures, ['304 with nothing cached', () => ({ status: 304 })] as [string, () => FakeReply]]) {
    const { endpoint, cache } = setup(reply());
    await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_UNAVAILABLE', what);
    t.equal(cache.counters.errors, 1, `${what}: counted as an error`);
    t.equal(cache.counters.staleServes, 0);
    endpoint.reply = ok(accessKey);
    await t.resolves(cache.getKey(accessKey.kid), `${what}: the next lookup fetches again`);
    t.equal(endpoint.calls, 2);
  }
});

t.test('through createVerifier: an unreachable JWKS → JWKS_UNAVAILABLE', async (t) => {
  const endpoint = new FakeJwksEndpoint({ fail: networkError() });
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: new FakeClock().now, cache: { fetch: endpoint.fetch } });
  await rejectsWith(t, verifier.verify(await signToken(accessClaims())), 'JWKS_UNAVAILABLE', 'network error');
});

t.test('cached keys keep serving while the endpoint fails, up to maxStaleSeconds past freshness', async (t) => {
  for (const [what, reply] of failures) {
    const { clock, endpoint, cache } = setup(ok(accessKey), { maxStaleSeconds: 120 });
    const key = await cache.getKey(accessKey.kid);
    clock.advanceSeconds(60); // freshness over
    endpoint.reply = reply();
    t.equal(await cache.getKey(accessKey.kid), key, `${what}: the cached key is served`);
    t.equal(cache.counters.staleServes, 1, `${what}: as a stale serve`);
    t.equal(cache.counters.errors, 1);
    clock.advanceSeconds(120);
    t.equal(await cache.getKey(accessKey.kid), key, `${what}: still at exactly maxStaleSeconds past freshness`);
    t.equal(endpoint.calls, 3, `${what}: each stale lookup tried the endpoint again`);
    clock.ms += 1;
    await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_UNAVAILABLE', `${what}: 1 ms past the stale limit`);
    endpoint.reply = ok(accessKey);
    t.equal(await cache.getKey(accessKey.kid), key, `${what}: the endpoint is back: fresh keys again`);
    t.equal(cache.counters.staleServes, 2);
  }
});

t.test('the default stale limit is an hour', async (t) => {
  const { clock, endpoint, cache } = setup(ok(accessKey));
  await cache.getKey(accessKey.kid);
  endpoint.reply = { status: 503 };
  clock.advanceSeconds(60 + 3600);
  await t.resolves(cache.getKey(accessKey.kid), 'an hour past freshness');
  clock.advanceSeconds(1);
  await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_UNAVAILABLE', 'an hour and a second');
});

t.test('a failed unknown-kid refetch while fresh: known kids still served, the unknown one rejected', async (t) => {
  const { endpoint, cache } = setup(ok(accessKey));
  await cache.getKey(accessKey.kid);
  endpoint.reply = { status: 503 };
  await rejectsWith(t, cache.getKey(otherKey.kid), 'UNKNOWN_KID', 'unknown kid, endpoint down');
  t.equal(endpoint.calls, 2, 'it did try');
  t.equal(cache.counters.staleServes, 1);
  await t.resolves(cache.getKey(accessKey.kid), 'the known key is unaffected');
});

t.test('only RSA signing keys with a kid are kept: use "enc", other key types and kid-less keys are ignored', async (t) => {
  const { kid: _kid, ...kidless } = otherKey.publicJwk;
  const { use: _use, ...noUse } = idKey.publicJwk;
  const { endpoint, cache } = setup({
    body: {
      keys: [
        { ...accessKey.publicJwk, kid: 'enc-1', use: 'enc' },
        ecKey,
        { kty: 'oct', kid: 'oct-1', k: 'c2VjcmV0' },
        { kty: 'OKP', crv: 'Ed25519', kid: 'okp-1', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
        kidless,
        'RSA',
        null,
        accessKey.publicJwk,
        noUse,
      ],
    },
    headers: { 'cache-control': 'max-age=60' },
  });
  await cache.getKey(accessKey.kid);
  t.same(cache.kids.sort(), [accessKey.kid, idKey.kid].sort(), 'the RSA key with use "sig", and the one without use');
  for (const kid of ['enc-1', 'ec-1', 'oct-1', 'okp-1']) await rejectsWith(t, cache.getKey(kid), 'UNKNOWN_KID', `kid ${kid}`);
  t.equal(endpoint.calls, 2, 'one refetch for the first of them, then the cooldown');
});

t.test('a key whose n changed under the same kid is re-imported; an unchanged one is not', async (t) => {
  const replaced = { ...otherKey.publicJwk, kid: accessKey.kid };
  const { clock, endpoint, cache } = setup(ok(accessKey, idKey));
  const before = await cache.getKey(accessKey.kid);
  const id = await cache.getKey(idKey.kid);
  clock.advanceSeconds(60);
  endpoint.reply = ok(replaced, idKey);
  const after = await cache.getKey(accessKey.kid);
  t.not(after, before, 'a new key object for the new modulus');
  t.equal(cache.peek(accessKey.kid)?.n, otherKey.publicJwk.n);
  t.equal(await cache.getKey(idKey.kid), id, 'the unchanged key keeps its imported object');

  // And what a verifier makes of it: the old key's tokens fail, the new key's verify.
  const clock2 = new FakeClock();
  const endpoint2 = new FakeJwksEndpoint(ok(accessKey));
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock2.now, cache: { fetch: endpoint2.fetch } });
  const oldToken = await signToken(accessClaims());
  const newToken = await signToken(accessClaims(), { key: otherKey, header: { kid: accessKey.kid } });
  await t.resolves(verifier.verify(oldToken), 'old key, old JWKS');
  await rejectsWith(t, verifier.verify(newToken), 'BAD_SIGNATURE', 'new key, old JWKS (cached)');
  clock2.advanceSeconds(60);
  endpoint2.reply = ok(replaced);
  await t.resolves(verifier.verify(newToken), 'new key, new JWKS');
  await rejectsWith(t, verifier.verify(oldToken), 'BAD_SIGNATURE', 'old key, new JWKS');
});

t.test('during an outage, stale keys serve without retrying the endpoint on every lookup (back-off)', async (t) => {
  const { clock, endpoint, cache } = setup(ok(accessKey), { retryBackoffSeconds: 10 });
  const key = await cache.getKey(accessKey.kid);
  clock.advanceSeconds(60);
  endpoint.reply = { status: 503, body: 'Service Unavailable' };
  t.equal(await cache.getKey(accessKey.kid), key, 'the failed refresh falls back to the cached key');
  t.equal(endpoint.calls, 2);
  for (let i = 0; i < 5; i++) t.equal(await cache.getKey(accessKey.kid), key);
  t.equal(endpoint.calls, 2, 'no request during the back-off');
  clock.advanceSeconds(10);
  endpoint.reply = ok(accessKey);
  t.equal(await cache.getKey(accessKey.kid), key);
  t.equal(endpoint.calls, 3, 'tried again once the back-off passed, and recovered');
  t.equal(cache.counters.staleServes, 6);
});

t.test('an RSA key verifies PS256 as well as RS256 tokens: keys are imported per algorithm', async (t) => {
  const { cache } = setup(ok({ ...accessKey.publicJwk, alg: undefined }));
  const rs = await cache.getKey(accessKey.kid, 'RS256');
  const ps = await cache.getKey(accessKey.kid, 'PS256');
  t.not(rs, ps);
  t.equal(rs.algorithm.name, 'RSASSA-PKCS1-v1_5');
  t.equal(ps.algorithm.name, 'RSA-PSS');
});
