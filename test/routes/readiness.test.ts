/**
 * Start-up: the server may listen while keys are still being generated. Until
 * a pool's keys exist its JWKS waits (never an empty or partial key set), and
 * every other route, /health included, waits for all keys and the store.
 */
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { KeyFactory, KeyMaterial } from '../../src/keys/key-factory.js';
import { prestartedKeyFactory } from '../../src/keys/key-factory.js';
import { startServices } from '../../src/services.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

/** A key factory whose keys arrive only when the test says so, in the order asked for. */
async function heldKeyFactory() {
  const fast = await fastKeyFactory();
  const held: Array<() => Promise<void>> = [];
  const factory: KeyFactory = {
    generate: () =>
      new Promise<KeyMaterial>((resolve) => {
        held.push(async () => resolve(await fast.generate()));
      }),
  };
  /** Lets the next `count` keys (or all asked for so far) be made. */
  const release = async (count = held.length) => {
    for (const give of held.splice(0, count)) await give();
  };
  return { factory, release, asked: () => held.length };
}

/** True once `promise` has settled, after letting pending work run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

async function setup(t: Test) {
  const keys = await heldKeyFactory();
  const loaded = await loadConfig({ overrides: { appServices: { store: 'memory' } } });
  const services = await startServices(loaded, { keyFactory: keys.factory });
  const app = buildApp(loaded.config, services, { logger: false });
  t.teardown(async () => {
    await keys.release();
    await app.close();
    await services.store.close();
  });
  return { keys, services, app };
}

t.test('the JWKS and /health wait for the keys being generated, and never answer an empty key set', async (t) => {
  const { keys, app, services } = await setup(t);
  t.equal(keys.asked(), 4, 'two pools × (ID, access) keys asked for at once');
  const jwks = app.inject({ url: '/.well-known/jwks.json' });
  const health = app.inject({ url: '/health' });
  const mint = app.inject({ method: 'POST', url: '/_mock/tokens', payload: { user: 'alice' } });
  t.notOk(await settled(jwks), 'the JWKS waits');
  t.notOk(await settled(health), '/health waits');
  t.notOk(await settled(mint), 'minting waits');

  await keys.release(2);
  const first = await jwks;
  t.equal(first.statusCode, 200, "the default pool's JWKS answers once its two keys exist");
  t.equal(first.json().keys.length, 2);
  t.notOk(await settled(health), "/health still waits for the other pool's keys");
  t.notOk(services.keyRing.isReady);
  const teams = app.inject({ url: '/eu-west-1_TeamsPool/.well-known/jwks.json' });
  t.notOk(await settled(teams), "the other pool's JWKS waits for its own keys");

  await keys.release();
  t.equal((await health).statusCode, 200);
  t.match((await health).json(), { status: 'ok', store: { kind: 'memory' } });
  t.equal((await teams).json().keys.length, 2);
  t.equal((await mint).statusCode, 200, 'the waiting mint is answered');
});

t.test('discovery answers while keys are still being made: it names no key', async (t) => {
  const { app } = await setup(t);
  const discovery = await app.inject({ url: '/.well-known/openid-configuration' });
  t.equal(discovery.statusCode, 200);
});

t.test('prestartedKeyFactory hands out the keys it started first, then makes more', async (t) => {
  const fast = await fastKeyFactory();
  // Two slots, whatever this machine's core count (the default): on one core, keys are made one at a time.
  const factory = prestartedKeyFactory(2, fast, 2);
  t.equal(fast.kids.length, 2, 'two started at once');
  const [a, b, c] = await Promise.all([factory.generate(), factory.generate(), factory.generate()]);
  t.same([a.kid, b.kid, c.kid], fast.kids, 'the prestarted two first, in order, then a third');
});

t.test('prestartedKeyFactory makes at most `parallel` keys at a time, in the order they are taken', async (t) => {
  const held = await heldKeyFactory();
  const factory = prestartedKeyFactory(4, held.factory, 2);
  t.equal(held.asked(), 2, 'two started at once, the other two wait for a slot');
  await held.release(1);
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(held.asked(), 2, 'one done: the third starts');
  await held.release();
  await new Promise((resolve) => setImmediate(resolve));
  await held.release();
  const keys = await Promise.all([factory.generate(), factory.generate(), factory.generate(), factory.generate()]);
  t.equal(new Set(keys.map((k) => k.kid)).size, 4, 'four distinct keys');
});
