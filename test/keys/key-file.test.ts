import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import t from 'tap';
import { call, startTestIdp, testKeysFile, type TestIdp } from '../helpers/idp.js';

const local = 'us-east-1_LocalPool';
const publicUrl = 'http://idp.test:4455';

async function jwks(idp: TestIdp, pool = local): Promise<JSONWebKeySet> {
  return (await call(idp, 'GET', `/${pool}/.well-known/jwks.json`)).body;
}

async function readKeys(path: string) {
  return JSON.parse(await readFile(path, 'utf8')) as { format: string; version: number; keys: Array<Record<string, unknown>> };
}

t.test('a server with keys.file writes it; a restart with the same file serves the same keys', async (t) => {
  const dir = t.testdir({});
  const file = join(dir, 'keys.json');
  const config = { publicUrl, keys: { file } };

  const first = await startTestIdp(t, { config });
  const saved = await readKeys(file);
  t.equal(saved.format, 'mock-idp-keys');
  t.equal(saved.version, 1);
  t.equal(saved.keys.length, 4, 'two keys per pool');
  t.ok(
    saved.keys.every((k) => typeof (k.privateJwk as { d?: string }).d === 'string'),
    'private halves are saved',
  );
  const mode = (await stat(file)).mode & 0o777;
  t.equal(mode & 0o077, 0, 'readable by the owner only');

  const jwksBefore = await jwks(first);
  const { token } = await first.mint({ user: 'alice', tokenUse: 'access' });
  const { token: idToken } = await first.mint({ pool: 'eu-west-1_TeamsPool', user: 'carol' });
  await first.close();

  const second = await startTestIdp(t, { config: { publicUrl, keys: { file, seedFile: null } } });
  t.same(await jwks(second), jwksBefore, 'same JWKS after the restart');
  const currentDate = new Date(second.clock.now());
  const verified = await jwtVerify(token, createLocalJWKSet(await jwks(second)), { issuer: second.issuer(), algorithms: ['RS256'], currentDate });
  t.equal(verified.payload.username, 'alice', 'a token of the first server verifies against the second');
  const verifiedId = await jwtVerify(idToken, createLocalJWKSet(await jwks(second, 'eu-west-1_TeamsPool')), { currentDate });
  t.equal(verifiedId.payload['cognito:username'], 'carol');
});

t.test('rotations and retirements are saved, with their times', async (t) => {
  const dir = t.testdir({});
  const file = join(dir, 'keys.json');
  const first = await startTestIdp(t, { config: { publicUrl, keys: { file } } });
  const oldKid = first.services.keyRing.signingKey(local, 'id').material.kid;
  const [rotated] = await first.rotate({ pool: local, tokenUse: 'id', prePublishSeconds: 120 });
  await first.services.keysFile!.flush();
  const afterRotate = await readKeys(file);
  t.equal(afterRotate.keys.length, 5);
  t.match(
    afterRotate.keys.find((k) => k.kid === rotated!.kid),
    { pool: local, use: 'id', activatesAt: rotated!.activatesAt, supersededAt: null },
  );
  t.match(
    afterRotate.keys.find((k) => k.kid === oldKid),
    { supersededAt: rotated!.activatesAt, retiresAt: String },
  );

  const accessKid = first.services.keyRing.signingKey(local, 'access').material.kid;
  const retired = await first.retire(accessKid);
  const statesBefore = first.keys();
  await first.close();
  t.equal(retired.state, 'retired');

  const second = await startTestIdp(t, { config: { publicUrl, keys: { file } } });
  t.same(second.keys(), statesBefore, 'every key, its times and so its state survive the restart');
  t.equal(second.services.keyRing.signingKey(local, 'id').material.kid, oldKid, 'the pending key is still pending');
  second.baseClock.advanceBy(120_000);
  t.equal(second.services.keyRing.signingKey(local, 'id').material.kid, rotated!.kid, 'and activates on time');
  const minted = await second.mint({ scenario: 'signed-by-retired-key', tokenUse: 'access' });
  t.equal(minted.signedWith?.kid, accessKid, 'the retired key is remembered too');
});

t.test('the file is written atomically: no temp files are left behind', async (t) => {
  const dir = t.testdir({});
  const file = join(dir, 'keys.json');
  const idp = await startTestIdp(t, { config: { keys: { file } } });
  await Promise.all([
    idp.rotate({ pool: local, tokenUse: 'id' }),
    idp.rotate({ pool: local, tokenUse: 'access' }),
    call(idp, 'POST', '/_mock/keys/rotate', { pool: 'eu-west-1_TeamsPool', tokenUse: 'id' }),
  ]);
  await idp.services.keysFile!.flush();
  t.same(await readdir(dir), ['keys.json']);
  const saved = await readKeys(file);
  t.same(
    saved.keys.map((k) => k.kid).sort(),
    idp
      .keys()
      .map((k) => k.kid)
      .sort(),
    'the last change reached the disk',
  );
});

t.test('a corrupt keys file → INVALID_KEYS_FILE, and the file is left alone', async (t) => {
  const good = await readFile(testKeysFile, 'utf8');
  const parsed = JSON.parse(good);
  const withKey = (change: Record<string, unknown>) => JSON.stringify({ ...parsed, keys: [{ ...parsed.keys[0], ...change }] });
  const cases: Record<string, string> = {
    'not JSON': good.slice(0, 100),
    empty: '',
    'not a keys file': JSON.stringify({ keys: [] }),
    'another version': JSON.stringify({ ...parsed, version: 2 }),
    'bad use': withKey({ use: 'refresh' }),
    'bad time': withKey({ createdAt: 'soon' }),
    'not an RSA private key': withKey({ privateJwk: { kty: 'RSA', n: parsed.keys[0].privateJwk.n, e: 'AQAB' } }),
    'missing pool': withKey({ pool: 7 }),
  };
  for (const [name, contents] of Object.entries(cases)) {
    const dir = t.testdir({ 'keys.json': contents });
    const file = join(dir, 'keys.json');
    await t.rejects(startTestIdp(t, { config: { keys: { file } } }), { name: 'MockIdpError', code: 'INVALID_KEYS_FILE' }, name);
    t.equal(await readFile(file, 'utf8'), contents, `${name}: not overwritten`);
  }
});

t.test('a seed file is read but never written', async (t) => {
  const dir = t.testdir({ 'seed.json': await readFile(testKeysFile, 'utf8') });
  const seedFile = join(dir, 'seed.json');
  const before = await readFile(seedFile, 'utf8');
  const idp = await startTestIdp(t, { config: { keys: { seedFile } } });
  t.equal(idp.services.keysFile, null);
  await idp.rotate({ pool: local, tokenUse: 'id' });
  t.equal(await readFile(seedFile, 'utf8'), before);
  t.same(await readdir(dir), ['seed.json']);

  await t.rejects(startTestIdp(t, { config: { keys: { seedFile: join(dir, 'missing.json') } } }), { code: 'INVALID_KEYS_FILE' });
});

t.test('a keys file missing a pool gets keys for it, and is updated', async (t) => {
  const parsed = JSON.parse(await readFile(testKeysFile, 'utf8'));
  const onlyLocal = { ...parsed, keys: parsed.keys.filter((k: { pool: string }) => k.pool === local) };
  const dir = t.testdir({ 'keys.json': JSON.stringify(onlyLocal) });
  const file = join(dir, 'keys.json');
  const idp = await startTestIdp(t, { config: { keys: { file } } });
  const saved = await readKeys(file);
  t.equal(saved.keys.length, 4);
  t.same(
    saved.keys.filter((k) => k.pool === local).map((k) => k.kid),
    onlyLocal.keys.map((k: { kid: string }) => k.kid),
    'stored keys kept',
  );
  t.equal((await jwks(idp, 'eu-west-1_TeamsPool')).keys.length, 2);
});

t.test('the seed file is ignored once the keys file exists', async (t) => {
  const dir = t.testdir({});
  const file = join(dir, 'keys.json');
  const first = await startTestIdp(t, { config: { keys: { file } } });
  await first.rotate({ pool: local, tokenUse: 'access' });
  const kids = first.keys().map((k) => k.kid);
  await first.close();
  const second = await startTestIdp(t, { config: { keys: { file } } }); // the helper passes the seed file too
  t.same(
    second.keys().map((k) => k.kid),
    kids,
  );
});
