import { calculateJwkThumbprint } from 'jose';
import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import type { TokenUse } from '../../src/config/types.js';
import { fromPrivateJwk, rsaKeyFactory } from '../../src/keys/key-factory.js';
import { readKeysFile } from '../../src/keys/key-file.js';
import { KeyRing, type KeyRingOptions } from '../../src/keys/key-ring.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { testEpochMs, testKeysFile } from '../helpers/idp.js';

const local = 'us-east-1_LocalPool';
const teams = 'eu-west-1_TeamsPool';
const overlapSeconds = 3660;

async function makeRing(options: Partial<KeyRingOptions> = {}) {
  const clock = new ManualClock(testEpochMs);
  const factory = await fastKeyFactory();
  const ring = await KeyRing.create([local, teams], {
    clock,
    factory,
    overlapSeconds: () => overlapSeconds,
    prePublishSeconds: 0,
    retiredKeysKept: 5,
    ...options,
  });
  const kidsOf = (pool: string, use: TokenUse, state: string) =>
    ring
      .entries()
      .filter((e) => e.pool === pool && e.use === use && ring.stateOf(e) === state)
      .map((e) => e.material.kid);
  const published = (pool: string) => ring.published(pool).map((e) => e.material.kid);
  return { clock, factory, ring, kidsOf, published, advance: (seconds: number) => clock.advanceBy(seconds * 1000) };
}

t.test('a new ring: one active id key and one active access key per pool, all different', async (t) => {
  const { ring, kidsOf, published } = await makeRing();
  const kids = new Set<string>();
  for (const pool of [local, teams]) {
    for (const use of ['id', 'access'] as const) {
      const active = kidsOf(pool, use, 'active');
      t.equal(active.length, 1, `${pool} ${use}: one active key`);
      t.equal(ring.signingKey(pool, use).material.kid, active[0]);
      kids.add(active[0]!);
    }
    t.equal(published(pool).length, 2, `${pool} publishes two keys`);
  }
  t.equal(kids.size, 4, 'ID and access tokens, and each pool, have their own key');
  t.equal(ring.entries().length, 4);
});

t.test('kid is the standard base64 (44 chars) of the RFC 7638 SHA-256 thumbprint', async (t) => {
  const generated = await rsaKeyFactory.generate();
  const seeded = (await readKeysFile(testKeysFile))!.map((e) => e.material);
  for (const material of [generated, ...seeded]) {
    const { kid, publicJwk } = material;
    t.match(kid, /^[A-Za-z0-9+/]{43}=$/);
    const thumbprint = await calculateJwkThumbprint({ kty: 'RSA', n: publicJwk.n!, e: publicJwk.e! }, 'sha256');
    t.equal(kid, Buffer.from(thumbprint, 'base64url').toString('base64'));
    t.equal(publicJwk.kid, kid, 'the published JWK carries the same kid');
    t.same(Object.keys(publicJwk), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    t.notOk('d' in publicJwk, 'the public JWK has no private member');
    t.equal((await fromPrivateJwk(material.privateJwk)).kid, kid, 'stable: the same key gives the same kid');
  }
});

t.test('rotate with a pre-publish lead: the new key is published but does not sign until then', async (t) => {
  const { ring, kidsOf, published, advance } = await makeRing();
  const old = ring.signingKey(local, 'id').material.kid;
  const [added] = await ring.rotate({ pool: local, tokenUse: 'id', prePublishSeconds: 300 });
  const fresh = added!.material.kid;

  t.equal(ring.stateOf(added!), 'pending');
  t.ok(published(local).includes(fresh), 'the pending key is in the JWKS at once');
  t.equal(ring.signingKey(local, 'id').material.kid, old, 'the old key still signs');
  t.same(kidsOf(local, 'id', 'active'), [old]);

  advance(299);
  t.equal(ring.stateOf(added!), 'pending', 'one second before the lead ends');
  t.equal(ring.signingKey(local, 'id').material.kid, old);

  advance(1);
  t.same(kidsOf(local, 'id', 'active'), [fresh], 'the new key signs once the clock passes its activation');
  t.same(kidsOf(local, 'id', 'retiring'), [old], 'the old key is retiring');
  t.equal(ring.signingKey(local, 'id').material.kid, fresh);
  t.ok(published(local).includes(old), 'and still published');
});

t.test('the configured prePublishSeconds is the default lead', async (t) => {
  const { ring, advance } = await makeRing({ prePublishSeconds: 60 });
  const [added] = await ring.rotate({ pool: local, tokenUse: 'access' });
  t.equal(ring.stateOf(added!), 'pending');
  advance(60);
  t.equal(ring.stateOf(added!), 'active');
});

t.test('a replaced key stays published for the overlap, then is retired and leaves the JWKS', async (t) => {
  const { ring, kidsOf, published, advance } = await makeRing();
  const old = ring.find(ring.signingKey(local, 'id').material.kid)!;
  await ring.rotate({ pool: local, tokenUse: 'id' });
  t.equal(ring.stateOf(old), 'retiring');
  t.equal(old.retiresAt! - old.supersededAt!, overlapSeconds * 1000);

  advance(overlapSeconds - 1);
  t.equal(ring.stateOf(old), 'retiring');
  t.ok(published(local).includes(old.material.kid));

  advance(1);
  t.equal(ring.stateOf(old), 'retired');
  t.notOk(published(local).includes(old.material.kid), 'gone from the JWKS');
  t.equal(ring.find(old.material.kid), old, 'but remembered (for signed-by-retired-key)');
  t.equal(ring.newestInState(local, 'id', 'retired'), old);
  t.equal(kidsOf(local, 'id', 'active').length, 1);
});

t.test('the overlap counts from activation when the new key is pre-published', async (t) => {
  const { ring, advance } = await makeRing();
  const old = ring.signingKey(local, 'access');
  await ring.rotate({ pool: local, tokenUse: 'access', prePublishSeconds: 100 });
  advance(100 + overlapSeconds - 1);
  t.equal(ring.stateOf(old), 'retiring', 'tokens it signed in the lead stay verifiable for a full overlap');
  advance(1);
  t.equal(ring.stateOf(old), 'retired');
});

t.test('rotate selects pools and token uses', async (t) => {
  const { ring } = await makeRing();
  const activeKids = () => Object.fromEntries([local, teams].flatMap((p) => (['id', 'access'] as const).map((u) => [`${p} ${u}`, ring.signingKey(p, u).material.kid])));
  const before = activeKids();

  const one = await ring.rotate({ pool: teams, tokenUse: 'access' });
  t.same(
    one.map((e) => [e.pool, e.use]),
    [[teams, 'access']],
  );
  const afterOne = activeKids();
  t.not(afterOne[`${teams} access`], before[`${teams} access`]);
  for (const key of [`${local} id`, `${local} access`, `${teams} id`]) t.equal(afterOne[key], before[key], `${key} untouched`);

  const pool = await ring.rotate({ pool: local });
  t.same(
    pool.map((e) => [e.pool, e.use]),
    [
      [local, 'id'],
      [local, 'access'],
    ],
  );
  const afterPool = activeKids();
  t.not(afterPool[`${local} id`], afterOne[`${local} id`]);
  t.not(afterPool[`${local} access`], afterOne[`${local} access`]);
  t.equal(afterPool[`${teams} id`], afterOne[`${teams} id`], 'the other pool untouched');

  const use = await ring.rotate({ tokenUse: 'id' });
  t.same(
    use.map((e) => [e.pool, e.use]),
    [
      [local, 'id'],
      [teams, 'id'],
    ],
  );

  const all = await ring.rotate();
  t.equal(all.length, 4, 'no selection: every pool and use');
  await t.rejects(ring.rotate({ pool: 'us-east-1_Nope' }), { code: 'UNKNOWN_POOL' });
});

t.test('retire(kid) of the active key puts a replacement in first', async (t) => {
  const { ring, factory, kidsOf, published } = await makeRing();
  const active = ring.signingKey(local, 'id');
  const made = factory.kids.length;
  const retired = await ring.retire(active.material.kid);
  t.equal(retired, active);
  t.equal(ring.stateOf(active), 'retired');
  t.equal(factory.kids.length, made + 1, 'one new key');
  const replacement = ring.signingKey(local, 'id');
  t.not(replacement.material.kid, active.material.kid);
  t.same(kidsOf(local, 'id', 'active'), [replacement.material.kid], 'exactly one active key');
  t.notOk(published(local).includes(active.material.kid), 'out of the JWKS at once');
  t.ok(published(local).includes(replacement.material.kid));
});

t.test('retire(kid) of a retiring key takes it out now, with no new key', async (t) => {
  const { ring, factory, advance } = await makeRing();
  const old = ring.signingKey(teams, 'access');
  await ring.rotate({ pool: teams, tokenUse: 'access' });
  advance(10);
  const made = factory.kids.length;
  await ring.retire(old.material.kid);
  t.equal(ring.stateOf(old), 'retired');
  t.equal(factory.kids.length, made);
  t.equal(old.retiresAt, testEpochMs + 10_000);
});

t.test('retire(kid) of a pending key: the pool still has exactly one active signer', async (t) => {
  const { ring, kidsOf, advance } = await makeRing();
  const old = ring.signingKey(local, 'id');
  const [pending] = await ring.rotate({ pool: local, tokenUse: 'id', prePublishSeconds: 300 });
  await ring.retire(pending!.material.kid);
  t.equal(ring.stateOf(pending!), 'retired');
  const signer = ring.signingKey(local, 'id');
  t.not(signer, old);
  t.not(signer, pending);
  t.same(kidsOf(local, 'id', 'active'), [signer.material.kid], 'one active key, the replacement');
  t.same(kidsOf(local, 'id', 'retiring'), [old.material.kid], 'the old key retires now');
  advance(600);
  t.same(kidsOf(local, 'id', 'active'), [signer.material.kid], 'still one active key after the lead');
});

t.test('retire: unknown kid → UNKNOWN_KEY; twice → KEY_ALREADY_RETIRED', async (t) => {
  const { ring } = await makeRing();
  await t.rejects(ring.retire('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='), { name: 'MockIdpError', code: 'UNKNOWN_KEY', statusCode: 404 });
  const kid = ring.signingKey(local, 'access').material.kid;
  await ring.retire(kid);
  await t.rejects(ring.retire(kid), { code: 'KEY_ALREADY_RETIRED', statusCode: 409 });
});

t.test('retiredKeysKept: older retired keys are forgotten, the newest kept', async (t) => {
  const { ring, kidsOf } = await makeRing({ retiredKeysKept: 2 });
  const retiredInOrder: string[] = [];
  for (let i = 0; i < 4; i++) {
    const kid = ring.signingKey(local, 'id').material.kid;
    await ring.retire(kid); // all at the same instant: ties go to the newest
    retiredInOrder.push(kid);
  }
  t.same(kidsOf(local, 'id', 'retired').sort(), retiredInOrder.slice(2).sort(), 'the two newest retired keys are kept');
  t.equal(ring.find(retiredInOrder[0]!), undefined, 'the oldest is forgotten');
  t.equal(ring.newestInState(local, 'id', 'retired')!.material.kid, retiredInOrder[3]);
  t.equal(kidsOf(local, 'id', 'active').length, 1);
  t.equal(ring.entries().filter((e) => e.pool === teams).length, 2, 'other pools untouched');

  const none = await makeRing({ retiredKeysKept: 0 });
  const kid = none.ring.signingKey(teams, 'id').material.kid;
  await none.ring.retire(kid);
  t.equal(none.ring.find(kid), undefined, 'retiredKeysKept 0 keeps none');
});

t.test('regenerate forgets every key and makes fresh ones; listeners hear every change', async (t) => {
  const { ring } = await makeRing();
  let changes = 0;
  const stop = ring.onChange(() => changes++);
  const before = ring.entries().map((e) => e.material.kid);
  await ring.rotate({ pool: local, tokenUse: 'id' });
  await ring.retire(ring.signingKey(local, 'access').material.kid);
  t.ok(changes >= 2);
  const seen = changes;
  await ring.regenerate();
  t.ok(changes > seen);
  t.equal(ring.entries().length, 4);
  t.notOk(
    ring.entries().some((e) => before.includes(e.material.kid)),
    'no key survives',
  );
  stop();
  const total = changes;
  await ring.rotate();
  t.equal(changes, total, 'no calls after unsubscribing');
});

t.test('create() keeps stored keys and fills in only what is missing', async (t) => {
  const seeded = (await readKeysFile(testKeysFile))!;
  const clock = new ManualClock(testEpochMs);
  const factory = await fastKeyFactory();
  const options = { clock, factory, overlapSeconds: () => 60, prePublishSeconds: 0, retiredKeysKept: 5 };
  const ring = await KeyRing.create([local, teams], options, seeded.slice());
  t.equal(factory.kids.length, 0, 'nothing generated');
  t.same(
    ring
      .entries()
      .map((e) => e.material.kid)
      .sort(),
    seeded.map((e) => e.material.kid).sort(),
  );

  const partial = await KeyRing.create(
    [local, teams],
    options,
    seeded.filter((e) => e.pool === local),
  );
  t.equal(factory.kids.length, 2, 'the pool without keys gets two');
  t.equal(partial.entries().length, 4);

  const onlyLocal = await KeyRing.create([local], options, seeded.slice());
  t.same(
    onlyLocal.entries().map((e) => e.pool),
    [local, local],
    'keys of pools not configured are dropped',
  );
});

t.test('published(pool) is one array until the set can change: a rotation, a retire, or the clock crossing a retiresAt either way', async (t) => {
  const { ring, clock, advance } = await makeRing();
  const first = ring.published(local);
  t.equal(ring.published(local), first, 'asked again: the same array (the JWKS is serialised once)');
  advance(60);
  t.equal(ring.published(local), first, 'time passing without a key leaving: the same array');

  await ring.rotate({ pool: local, tokenUse: 'id' });
  const rotated = ring.published(local);
  t.not(rotated, first, 'a rotation: a new array');
  t.equal(rotated.length, 3, 'the new key and both old ones are published');
  t.throws(() => (rotated as unknown[]).push(null), 'the shared array is frozen');

  advance(overlapSeconds - 1);
  t.equal(ring.published(local), rotated, 'one second before the old key leaves: the same array');
  advance(1);
  const afterRetire = ring.published(local);
  t.equal(afterRetire.length, 2, 'at retiresAt the replaced key leaves');
  clock.advanceBy(-1000);
  t.equal(ring.published(local).length, 3, 'the clock set back before retiresAt: the key is published again');
  advance(1);
  const kid = ring.signingKey(local, 'access').material.kid;
  await ring.retire(kid);
  t.notOk(
    ring.published(local).some((e) => e.material.kid === kid),
    'retire(kid): gone from the next answer',
  );
  t.equal(ring.published(teams).length, 2, 'other pools are cached apart');
});
