import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import { startMockIdp } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli.js';
import { call, startTestIdp } from '../helpers/idp.js';

t.test('mint against a running server', async (t) => {
  const idp = await startTestIdp(t);
  const plain = await runCliInProcess(['mint', '--url', idp.url, '--user', 'alice', '--type', 'access']);
  t.equal(plain.code, 0, plain.stderr);
  const token = plain.stdout.trim();
  t.match(token, /^eyJraWQiOi[\w-]+\.[\w-]+\.[\w-]+$/, 'prints just the token');
  const jwks = (await call(idp, 'GET', '/.well-known/jwks.json')).body;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { currentDate: new Date(idp.clock.now()) });
  t.equal(payload.username, 'alice');
  t.equal(payload.token_use, 'access');

  const json = await runCliInProcess([
    'mint', '--url', idp.url, '--user', 'bob', '--scenario', 'expired', '--json',
    '--claim', 'custom:tenant=acme', '--claim', 'cognito:groups=["ops"]', '--suppress', 'email',
  ]);
  t.equal(json.code, 0, json.stderr);
  const minted = JSON.parse(json.stdout);
  t.equal(minted.scenario, 'expired');
  t.same(minted.expected, { accept: false, code: 'EXPIRED' });
  t.equal(minted.payload['cognito:username'], 'bob');
  t.equal(minted.payload['custom:tenant'], 'acme');
  t.same(minted.payload['cognito:groups'], ['ops'], 'a JSON value is parsed');
  t.notOk('email' in minted.payload, 'suppressed');
  t.ok(minted.payload.exp < idp.clock.nowSeconds(), 'expired on the server clock');
});

t.test('errors from the server keep their code, exit 1', async (t) => {
  const idp = await startTestIdp(t);
  const user = await runCliInProcess(['mint', '--url', idp.url, '--user', 'nobody']);
  t.equal(user.code, 1);
  t.match(user.stderr, '[UNKNOWN_USER]');
  const scenario = await runCliInProcess(['mint', '--url', idp.url, '--scenario', 'nope']);
  t.equal(scenario.code, 1);
  t.match(scenario.stderr, '[UNKNOWN_SCENARIO]');
});

t.test('offline mint with --keys-file: a server started later with that file accepts the token', async (t) => {
  const dir = t.testdir();
  const keysFile = join(dir, 'keys.json');
  const offline = await runCliInProcess(['mint', '--keys-file', keysFile, '--user', 'alice']);
  t.equal(offline.code, 0, offline.stderr);
  const token = offline.stdout.trim();

  const idp = await startMockIdp({ config: { keys: { file: keysFile }, publicUrl: 'http://127.0.0.1:4455', appServices: { store: 'memory' } } });
  t.teardown(() => idp.close());
  const jwks = (await call(idp, 'GET', '/.well-known/jwks.json')).body;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: idp.issuer(), audience: '1vngm1viu6qqksk0qckq8aag7p' });
  t.equal(payload['cognito:username'], 'alice');
});

t.test('rotate against a running server', async (t) => {
  const idp = await startTestIdp(t);
  const before = idp.keys().map((k) => k.kid);
  const result = await runCliInProcess(['rotate', '--url', idp.url, '--pool', 'eu-west-1_TeamsPool', '--type', 'access', '--json']);
  t.equal(result.code, 0, result.stderr);
  const rotated = JSON.parse(result.stdout) as Array<{ kid: string; pool: string; use: string }>;
  t.equal(rotated.length, 1);
  t.equal(rotated[0]!.pool, 'eu-west-1_TeamsPool');
  t.equal(rotated[0]!.use, 'access');
  t.notOk(before.includes(rotated[0]!.kid));
  const jwks = (await call(idp, 'GET', '/eu-west-1_TeamsPool/.well-known/jwks.json')).body;
  t.equal(jwks.keys.length, 3, 'new key published beside the two it joins');
  const bad = await runCliInProcess(['rotate', '--url', idp.url, '--pool', 'us-east-1_Nope']);
  t.equal(bad.code, 1);
  t.match(bad.stderr, '[UNKNOWN_POOL]');
});

t.test('offline mint creates the keys file\'s folder if needed', async (t) => {
  const { existsSync } = await import('node:fs');
  const keysFile = join(t.testdir(), 'not', 'yet', 'keys.json');
  const result = await runCliInProcess(['mint', '--keys-file', keysFile]);
  t.equal(result.code, 0, result.stderr);
  t.equal(result.stderr, '');
  t.ok(existsSync(keysFile), 'saved');
});
