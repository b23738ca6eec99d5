/**
 * One long-lived verifier through a key rotation on a live mock-idp, watched
 * through `verifier.cache.counters`: the old key's tokens verify during the
 * overlap, the new key is learnt with exactly one refetch, and once the old
 * key has left the JWKS and the cached copy has gone stale its tokens are
 * rejected UNKNOWN_KID. The server's clock moves (idp.baseClock, POST
 * /_mock/clock) and the verifier reads it; nothing sleeps.
 */
import t from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { rejectsWith } from '../helpers/verifier.js';

const pool = 'us-east-1_LocalPool';
const spa = '1vngm1viu6qqksk0qckq8aag7p';
const tokenUse = 'access' as const;

async function mint(idp: TestIdp, scenario = 'valid') {
  const res = await call(idp, 'POST', '/_mock/tokens', { pool, client: spa, tokenUse, scenario });
  if (res.status !== 200) throw new Error(`minting ${scenario}: ${res.status} ${res.body?.code}`);
  return { token: res.body.token as string, kid: res.body.signedWith.kid as string };
}

const publishedKids = async (idp: TestIdp): Promise<string[]> => (await call(idp, 'GET', `/${pool}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);

t.test('rotation seen by one long-lived verifier', async (t) => {
  const idp = await startTestIdp(t); // real RSA keys for the rotation, as a user would get
  const verifier = createVerifier({ issuer: idp.issuer(pool), clientId: spa, tokenUse, now: () => idp.clock.now() });
  const counters = verifier.cache.counters;

  const before = await mint(idp);
  await t.resolves(verifier.verify(before.token), 'a token of the active key');
  t.equal(counters.fetches, 1, 'the first verification fetched the JWKS');

  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', { pool, tokenUse });
  t.equal(rotated.status, 200, 'POST /_mock/keys/rotate');
  const newKid = rotated.body.rotated[0].kid as string;
  const oldKey = (rotated.body.keys as Array<{ kid: string; state: string; retiresAt: string }>).find((k) => k.kid === before.kid)!;
  t.equal(oldKey.state, 'retiring', 'the old key is retiring (still published)');

  await t.resolves(verifier.verify(before.token), 'the token minted before the rotation verifies during the overlap');
  const retiring = await mint(idp, 'signed-by-retiring-key');
  t.equal(retiring.kid, before.kid);
  await t.resolves(verifier.verify(retiring.token), 'so does one signed by the retiring key now');
  t.equal(counters.fetches, 1, 'both from the cache');

  const after = await mint(idp);
  t.equal(after.kid, newKid, 'new tokens carry the new kid');
  await t.resolves(verifier.verify(after.token), 'a token of the new key verifies');
  t.equal(counters.fetches, 2, 'after exactly one refetch');
  t.equal(counters.unknownKidRefetches, 1, 'caused by the unknown kid');
  await t.resolves(verifier.verify(after.token));
  t.equal(counters.fetches, 2, 'the new key is cached from then on');

  // To one second before the overlap ends: the cached copy (max-age 300 s) is long stale and is revalidated.
  const overlapEndsMs = Date.parse(oldKey.retiresAt);
  idp.baseClock.advanceBy(overlapEndsMs - idp.clock.now() - 1000);
  const lastRetiring = await mint(idp, 'signed-by-retiring-key');
  await t.resolves(verifier.verify(lastRetiring.token), '1 s before the overlap ends: the retiring key still verifies');
  t.equal(counters.fetches, 3, 'after a revalidation');
  t.equal(counters.notModified, 1, 'answered 304: the JWKS had not changed');

  const moved = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 2 });
  t.equal(moved.status, 200, 'POST /_mock/clock: past the overlap');
  t.notOk((await publishedKids(idp)).includes(before.kid), 'the old key has left the JWKS');
  const retired = await mint(idp, 'signed-by-retired-key');
  t.equal(retired.kid, before.kid);
  await t.resolves(verifier.verify(retired.token), "but the verifier's copy, revalidated 2 s ago, still has it: accepted until that copy goes stale");
  t.equal(counters.fetches, 3);

  idp.baseClock.advanceBy(300_000);
  await rejectsWith(t, verifier.verify(retired.token), 'UNKNOWN_KID', "after the overlap plus the cache's freshness: the retired key's token");
  t.equal(counters.fetches, 4, 'one request, which brought the JWKS without the old key');
  await rejectsWith(t, verifier.verify(before.token), 'UNKNOWN_KID', 'the first token too (its kid is checked before its exp)');
  t.equal(counters.fetches, 4, 'and no request for it: the cooldown');
  await t.resolves(verifier.verify((await mint(idp)).token), "the new key's tokens verify");
  t.equal(counters.fetches, 4);
  t.equal(counters.errors, 0);
});

t.test('prePublishSeconds: a verifier that refetches before the new key signs never meets an unknown kid', async (t) => {
  const idp = await startTestIdp(t);
  const verifier = createVerifier({ issuer: idp.issuer(pool), clientId: spa, tokenUse, now: () => idp.clock.now() });
  await t.resolves(verifier.verify((await mint(idp)).token));
  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', { pool, tokenUse, prePublishSeconds: 600 });
  const newKid = rotated.body.rotated[0].kid as string;
  t.ok((await publishedKids(idp)).includes(newKid), 'the new key is published before it signs');
  idp.baseClock.advanceBy(300_000); // the cached copy goes stale
  await t.resolves(verifier.verify((await mint(idp)).token), 'old key still signing; the revalidation brings the new key');
  idp.baseClock.advanceBy(300_000); // the new key starts signing
  const first = await mint(idp);
  t.equal(first.kid, newKid);
  const fetches = verifier.cache.counters.fetches;
  await t.resolves(verifier.verify(first.token), 'the first token of the new key');
  t.equal(verifier.cache.counters.fetches, fetches + 1, 'one request: the regular revalidation of the stale copy');
  t.equal(verifier.cache.counters.notModified, 1, 'answered 304: nothing new to learn');
  t.equal(verifier.cache.counters.unknownKidRefetches, 0, 'no unknown-kid refetch at all');
});
