import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import t from 'tap';
import { cognitoKid } from '../../src/keys/kid.js';
import { defaultReservoirDir, KeyReservoir, reservoirKeyFactory } from '../../src/keys/key-reservoir.js';

/** Committed test-only keys: the reservoir is filled with these, so no test waits for RSA key generation. */
const testJwks = (JSON.parse(await readFile(new URL('../../fixtures/keys/reserve.test-only.json', import.meta.url), 'utf8')) as { keys: JWK[] }).keys;
const kidOf = (jwk: JWK) => cognitoKid({ kty: 'RSA', n: jwk.n!, e: jwk.e! });

/** A reservoir in a fresh folder whose refill hands out the committed keys in turn. */
function reservoirIn(dir: string, capacity: number, log?: (message: string) => void): KeyReservoir {
  let next = 0;
  return new KeyReservoir({ dir, capacity, log, generateJwk: async () => testJwks[next++ % testJwks.length]! });
}

t.test('each key is taken once; an empty reservoir answers null', async (t) => {
  const reservoir = reservoirIn(join(t.testdir({}), 'keys'), 2);
  t.equal(await reservoir.refill(), 2, 'filled to its capacity');
  t.equal(await reservoir.refill(), 0, 'a full reservoir makes nothing');
  const first = await reservoir.take();
  const second = await reservoir.take();
  t.ok(first && second);
  t.not(first!.kid, second!.kid, 'two takes, two keys');
  t.same(new Set([first!.kid, second!.kid]), new Set(await Promise.all(testJwks.slice(0, 2).map(kidOf))));
  t.equal(await reservoir.take(), null, 'none left');
  t.equal(await reservoir.size(), 0);
});

t.test('takers at once (two reservoirs on one folder, as two processes) never get the same key', async (t) => {
  const dir = join(t.testdir({}), 'keys');
  await reservoirIn(dir, 4).refill();
  const a = new KeyReservoir({ dir });
  const b = new KeyReservoir({ dir });
  const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take()));
  const kids = taken.filter((k) => k !== null).map((k) => k.kid);
  t.equal(kids.length, 4, 'every key taken');
  t.equal(new Set(kids).size, 4, 'by one taker each');
  t.same(await readdir(dir), [], 'nothing left behind');
});

t.test('a file that is not a usable key is deleted and skipped, saying why', async (t) => {
  const dir = join(t.testdir({}), 'keys');
  const messages: string[] = [];
  const reservoir = reservoirIn(dir, 1, (message) => messages.push(message));
  await reservoir.refill();
  await writeFile(join(dir, `${randomUUID()}.jwk.json`), '{ not json', { mode: 0o600 });
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicOnly } = testJwks[1]!;
  await writeFile(join(dir, `${randomUUID()}.jwk.json`), JSON.stringify(publicOnly), { mode: 0o600 });
  const key = await reservoir.take();
  t.equal(key?.kid, await kidOf(testJwks[0]!), 'the usable key is taken');
  t.equal(await reservoir.take(), null);
  t.same(await readdir(dir), [], 'the unusable files are gone');
  t.equal(messages.filter((m) => m.startsWith('key reservoir: skipped')).length, 2);
  t.notMatch(messages.join('\n'), publicOnly.n!.slice(0, 20), 'no key material in the messages');
});

t.test('folder 700, key files 600; a wider folder is narrowed', { skip: process.platform === 'win32' && 'POSIX modes' }, async (t) => {
  const dir = join(t.testdir({ keys: {} }), 'keys');
  const { chmod } = await import('node:fs/promises');
  await chmod(dir, 0o755);
  await reservoirIn(dir, 2).refill();
  t.equal((await stat(dir)).mode & 0o777, 0o700);
  const files = await readdir(dir);
  t.equal(files.length, 2);
  for (const file of files) {
    t.match(file, /^[0-9a-f-]{36}\.jwk\.json$/);
    t.equal((await stat(join(dir, file))).mode & 0o777, 0o600, file);
  }
});

t.test('an unusable folder means no reservoir, never an error', async (t) => {
  const root = t.testdir({ 'a-file': 'x' });
  const messages: string[] = [];
  const reservoir = reservoirIn(join(root, 'a-file', 'keys'), 2, (message) => messages.push(message));
  t.equal(await reservoir.take(), null);
  t.equal(await reservoir.refill(), 0);
  t.match(messages.join('\n'), /key reservoir: not used/);
  const factory = reservoirKeyFactory(reservoir, { generate: () => Promise.reject(new Error('generated instead')) });
  await t.rejects(factory.generate(), /generated instead/, 'its factory falls back to generating');
});

t.test('the factory takes before it generates and says so', async (t) => {
  const reservoir = reservoirIn(join(t.testdir({}), 'keys'), 1);
  await reservoir.refill();
  let takes = 0;
  let generated = 0;
  const fallback = { generate: async () => (generated++, Promise.reject(new Error('not here'))) };
  const factory = reservoirKeyFactory(reservoir, fallback, () => takes++);
  t.equal((await factory.generate()).kid, await kidOf(testJwks[0]!));
  t.equal(takes, 1);
  await t.rejects(factory.generate(), /not here/, 'then generates');
  t.equal(generated, 1);
});

t.test('leftovers of a killed writer or taker are deleted once stale', async (t) => {
  const dir = join(t.testdir({}), 'keys');
  let now = Date.now();
  const reservoir = new KeyReservoir({ dir, capacity: 1, generateJwk: async () => testJwks[0]!, now: () => now });
  await reservoir.refill();
  const [name] = await readdir(dir);
  await writeFile(join(dir, `.${randomUUID()}.tmp`), '{"half":');
  await writeFile(join(dir, `${name}.taken-${randomUUID()}`), '{}');
  t.equal((await readdir(dir)).length, 3);
  t.equal(await reservoir.size(), 1, 'only keys count');
  t.equal((await readdir(dir)).length, 3, 'fresh leftovers may be in use: kept');
  now += 120_000;
  for (const file of await readdir(dir)) await utimes(join(dir, file), new Date(now - 120_000), new Date(now - 120_000));
  await reservoir.size();
  t.same(await readdir(dir), [name]);
});

t.test('the folder comes from the environment only', async (t) => {
  t.equal(defaultReservoirDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), join('/c', 'mock-idp', 'keys'));
  t.equal(defaultReservoirDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' }), join('/h', '.cache', 'mock-idp', 'keys'), 'a relative XDG_CACHE_HOME is ignored, as the spec says');
  t.equal(defaultReservoirDir({}), null, 'no home: no reservoir');
});

t.test('by default the refill makes RSA-2048 keys in a process of its own', async (t) => {
  const reservoir = new KeyReservoir({ dir: join(t.testdir({}), 'keys'), capacity: 1, background: false });
  t.equal(await reservoir.refill(), 1);
  const key = await reservoir.take();
  t.equal(Buffer.from(key!.publicJwk.n!, 'base64url').length * 8, 2048);
  t.equal(key!.publicJwk.e, 'AQAB');
});
