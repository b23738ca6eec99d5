import t, { type Test } from 'tap';
import { ManualClock } from '../../src/clock.js';
import { KeyRing } from '../../src/keys/key-ring.js';
import { RotationSchedule } from '../../src/keys/rotation-schedule.js';
import { call, startTestIdp, testEpochMs, type TestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const pools = ['us-east-1_LocalPool', 'eu-west-1_TeamsPool'];

async function startScheduled(t: Test, rotateEverySeconds: number | null = 60) {
  const factory = await fastKeyFactory();
  const idp = await startTestIdp(t, { config: { keys: { rotateEverySeconds } }, keyFactory: factory });
  return { idp, factory };
}

const signingKids = (idp: TestIdp) => pools.flatMap((pool) => (['id', 'access'] as const).map((use) => idp.services.keyRing.signingKey(pool, use).material.kid));

t.test('rotates every pool and use once the period has passed, not before', async (t) => {
  const { idp, factory } = await startScheduled(t);
  const schedule = idp.services.schedule!;
  t.ok(schedule, 'a schedule exists when rotateEverySeconds is set');
  t.equal(schedule.nextAt, testEpochMs + 60_000);
  const initial = signingKids(idp);

  idp.baseClock.advanceBy(59_000);
  await schedule.tick();
  t.same(signingKids(idp), initial, 'not before the period');
  t.equal(factory.kids.length, 0);

  idp.baseClock.advanceBy(2_000);
  await schedule.tick();
  const rotated = signingKids(idp);
  t.equal(factory.kids.length, 4, 'one new key per pool and use');
  t.ok(
    rotated.every((kid, i) => kid !== initial[i]),
    'every signing key is new',
  );
  t.same(rotated, factory.kids);
  for (const kid of initial) t.equal(idp.services.keyRing.stateOf(idp.services.keyRing.find(kid)!), 'retiring');

  await schedule.tick();
  t.equal(factory.kids.length, 4, 'a second tick at the same time does nothing');
  t.equal(schedule.nextAt, testEpochMs + 61_000 + 60_000, 'the next rotation is one period after this one');
});

t.test('a large jump in time rotates once', async (t) => {
  const { idp, factory } = await startScheduled(t);
  const schedule = idp.services.schedule!;
  idp.baseClock.advanceBy(10 * 3600_000);
  await schedule.tick();
  await schedule.tick();
  t.equal(factory.kids.length, 4, 'one rotation, not six hundred');
  t.equal(schedule.nextAt, idp.clock.now() + 60_000);
});

t.test('concurrent ticks share one rotation', async (t) => {
  const { idp, factory } = await startScheduled(t);
  const schedule = idp.services.schedule!;
  idp.baseClock.advanceBy(60_000);
  const first = schedule.tick();
  const second = schedule.tick();
  t.equal(first, second, 'the same promise');
  await Promise.all([first, second]);
  t.equal(factory.kids.length, 4);
});

t.test('POST /_mock/clock moves the server clock and the schedule catches up at once', async (t) => {
  const { idp, factory } = await startScheduled(t);
  const initial = signingKids(idp);

  const small = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 30 });
  t.equal(small.status, 200);
  await idp.services.schedule!.tick();
  t.equal(factory.kids.length, 0, '30 s: no rotation');

  const res = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 31 });
  t.equal(res.status, 200);
  t.equal(res.body.offsetSeconds, 61);
  await idp.services.schedule!.tick(); // the clock listener started the rotation; this waits for it
  t.equal(factory.kids.length, 4);
  t.ok(signingKids(idp).every((kid, i) => kid !== initial[i]));

  const keys = await call(idp, 'GET', '/_mock/keys');
  t.equal(keys.body.keys.filter((k: { state: string }) => k.state === 'active').length, 4);
  t.equal(keys.body.keys.filter((k: { state: string }) => k.state === 'retiring').length, 4);
});

t.test('a fixed time set in the past or a reset does not rotate', async (t) => {
  const { idp, factory } = await startScheduled(t);
  await call(idp, 'POST', '/_mock/clock', { fixedTime: '2029-12-31T00:00:00Z' });
  await idp.services.schedule!.tick();
  await call(idp, 'POST', '/_mock/reset');
  await idp.services.schedule!.tick();
  t.equal(factory.kids.length, 0);
});

t.test('no schedule when rotateEverySeconds is null or 0', async (t) => {
  t.equal((await startScheduled(t, null)).idp.services.schedule, null);
  t.equal((await startScheduled(t, 0)).idp.services.schedule, null);
});

t.test('RotationSchedule on its own: reports each rotation and its errors', async (t) => {
  const clock = new ManualClock(testEpochMs);
  const factory = await fastKeyFactory();
  const ring = await KeyRing.create(pools, { clock, factory, overlapSeconds: () => 60, prePublishSeconds: 0, retiredKeysKept: 5 });
  const reports: Array<Error | undefined> = [];
  const schedule = new RotationSchedule(ring, clock, 10, (error) => reports.push(error));
  clock.advanceBy(10_000);
  await schedule.tick();
  t.same(reports, [undefined]);

  factory.generate = async () => {
    throw new Error('no entropy');
  };
  clock.advanceBy(10_000);
  await schedule.tick();
  t.equal(reports.length, 2);
  t.match(reports[1], { message: 'no entropy' }, 'a failed rotation is reported, not thrown');
  t.equal(schedule.nextAt, clock.now() + 10_000, 'and retried one period later');

  schedule.start();
  await schedule.stop();
  t.pass('start/stop with no pending rotation');
});
