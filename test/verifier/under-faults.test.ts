/**
 * mock-idp/verifier against a live server whose JWKS misbehaves
 * (POST /_mock/faults): what a verifier with a warm cache, a cold cache, and
 * during a rotation does under each fault. Time is the server's fake clock.
 */
import t from 'tap';
import { createVerifier, type Verifier } from '../../src/verifier/index.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';

const clientId = '1vngm1viu6qqksk0qckq8aag7p';

function verifierFor(idp: TestIdp, cache: Record<string, number> = {}): Verifier {
  return createVerifier({ issuer: idp.issuer(), clientId, tokenUse: 'id', now: () => idp.clock.now(), cache });
}

async function verdict(verifier: Verifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
    return 'accept';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const faults: Array<[string, Record<string, unknown>]> = [
  ['503', { status: 503 }],
  ['500', { status: 500 }],
  ['malformed JSON', { body: 'malformed' }],
  ['empty key set', { body: 'empty' }],
];

for (const [name, fault] of faults) {
  t.test(`${name}: cached keys keep serving up to the stale limit, then JWKS_UNAVAILABLE`, async (t) => {
    const idp = await startTestIdp(t);
    const verifier = verifierFor(idp, { maxStaleSeconds: 600 });
    const { token } = await idp.mint({ user: 'alice' });
    t.equal(await verdict(verifier, token), 'accept', 'warm the cache');

    t.equal((await call(idp, 'POST', '/_mock/faults', { target: 'jwks', ...fault })).status, 200);
    idp.baseClock.advanceBy(301_000); // past the JWKS max-age (300 s): the cache must revalidate
    const fresh = await idp.mint({ user: 'alice' });
    t.equal(await verdict(verifier, fresh.token), 'accept', 'the endpoint fails; the cached key still verifies');
    t.ok(verifier.cache.counters.staleServes >= 1, 'served stale');
    t.ok(verifier.cache.counters.errors >= 1, 'and counted the failure');

    idp.baseClock.advanceBy(601_000); // past the stale limit
    const later = await idp.mint({ user: 'alice' });
    t.equal(await verdict(verifier, later.token), 'JWKS_UNAVAILABLE', 'too stale to trust');

    await call(idp, 'DELETE', '/_mock/faults');
    t.equal(await verdict(verifier, later.token), 'accept', 'recovers as soon as the endpoint does');
  });
}

t.test('a cold cache and a failing endpoint: JWKS_UNAVAILABLE, and the next request after the fault works', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503, count: 1 });
  const verifier = verifierFor(idp);
  const { token } = await idp.mint({ user: 'alice' });
  t.equal(await verdict(verifier, token), 'JWKS_UNAVAILABLE');
  t.equal(await verdict(verifier, token), 'accept', 'count 1: only one request failed');
  t.equal(verifier.cache.counters.fetches, 2);
});

t.test('a slow endpoint: the fetch times out with JWKS_UNAVAILABLE rather than hanging', async (t) => {
  const idp = await startTestIdp(t);
  // The answer would take a minute, longer than tap lets a test run: a verifier that waited for it fails the test.
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 60_000, count: 1 });
  const verifier = verifierFor(idp, { timeoutMs: 100 });
  const { token } = await idp.mint({ user: 'alice' });
  t.equal(await verdict(verifier, token), 'JWKS_UNAVAILABLE', 'gave up after its timeout, not after the delay');
  t.equal(await verdict(verifier, token), 'accept', 'the next fetch is not delayed');
});

t.test('concurrent verifications on a cold cache share one fetch, even when it is slow', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 150, count: 1 });
  const verifier = verifierFor(idp);
  const { token } = await idp.mint({ user: 'alice' });
  const verdicts = await Promise.all(Array.from({ length: 20 }, () => verdict(verifier, token)));
  t.same(new Set(verdicts), new Set(['accept']));
  t.equal(verifier.cache.counters.fetches, 1);
});

t.test('rotation while the endpoint fails: the new key cannot be learnt until it recovers', async (t) => {
  const idp = await startTestIdp(t);
  const verifier = verifierFor(idp, { cooldownSeconds: 30 });
  const before = await idp.mint({ user: 'alice' });
  t.equal(await verdict(verifier, before.token), 'accept');

  await idp.rotate({ tokenUse: 'id' });
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  const after = await idp.mint({ user: 'alice' });
  t.not(after.header.kid, before.header.kid, 'signed by the new key');
  t.equal(await verdict(verifier, before.token), 'accept', 'the old (retiring) key is still cached');
  t.not(await verdict(verifier, after.token), 'accept', 'the new kid cannot be fetched');

  await call(idp, 'DELETE', '/_mock/faults');
  idp.baseClock.advanceBy(31_000); // past the unknown-kid cooldown
  t.equal(await verdict(verifier, after.token), 'accept', 'learnt with one refetch once the endpoint is back');
});
