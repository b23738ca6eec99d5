import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import t from 'tap';
import { KeyReservoir } from '../../src/keys/key-reservoir.js';
import { cognitoKid } from '../../src/keys/kid.js';
import { serveInProcess } from '../helpers/cli.js';

const testJwks = (JSON.parse(await readFile(new URL('../../fixtures/keys/reserve.test-only.json', import.meta.url), 'utf8')) as { keys: JWK[] }).keys.slice(0, 4);

// Three minutes: the refill it waits for runs at the lowest CPU priority (see below).
t.test('serve takes its fresh keys from the reservoir, then refills it in the background', { timeout: 180_000 }, async (t) => {
  const root = t.testdir({});
  const dir = join(root, 'keys');
  let next = 0;
  await new KeyReservoir({ dir, capacity: 4, generateJwk: async () => testJwks[next++]! }).refill();
  const reserved = new Set(await Promise.all(testJwks.map((jwk) => cognitoKid({ kty: 'RSA', n: jwk.n!, e: jwk.e! }))));
  // One key when full: the refill this test waits for is one RSA key.
  const config = join(root, 'config.json');
  await writeFile(config, JSON.stringify({ keys: { reservoirSize: 1 } }));

  const server = await serveInProcess(['--port', '0', '--log-level', 'debug', '--config', config], { MOCK_IDP_KEY_RESERVOIR_DIR: dir });
  t.teardown(() => server.stop());
  const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  t.equal(jwks.keys.length, 2);
  t.ok(
    jwks.keys.every((key) => reserved.has(key.kid!)),
    'the keys came from the reservoir',
  );
  const reservoir = new KeyReservoir({ dir });
  t.equal(reservoir.capacity, 8);
  // The refill is a process at the lowest CPU priority: on a machine the rest of the suite keeps busy it may wait
  // long for a core (a CI run once took over 30 s). The test's own timeout, three minutes, is the bound.
  while ((await reservoir.size()) < 1) await new Promise((resolve) => setTimeout(resolve, 50));
  const [refilled] = await readdir(dir);
  t.match(refilled, /\.jwk\.json$/, 'a new key is waiting for the next start');
  t.equal(await server.stop(), 0);
  t.equal(await reservoir.size(), 1, 'refilled up to keys.reservoirSize, no more');
});

t.test('--no-key-reservoir leaves the reservoir alone', async (t) => {
  const dir = join(t.testdir({}), 'keys');
  await new KeyReservoir({ dir, capacity: 1, generateJwk: async () => testJwks[0]! }).refill();
  const before = await readdir(dir);
  // Fresh keys are made instead: a --keys-file start would make none and touch nothing either way.
  const server = await serveInProcess(['--port', '0', '--log-level', 'warn', '--no-key-reservoir'], { MOCK_IDP_KEY_RESERVOIR_DIR: dir });
  t.teardown(() => server.stop());
  t.equal((await fetch(`${server.url}/.well-known/jwks.json`)).status, 200);
  t.equal(await server.stop(), 0);
  t.same(await readdir(dir), before, 'untouched');
});
