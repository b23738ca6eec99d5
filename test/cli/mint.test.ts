import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import { startMockIdp } from '../../src/index.js';
import { runCliInProcess, serveInProcess } from '../helpers/cli.js';
import { call, startTestIdp, testKeysFile } from '../helpers/idp.js';

const spa = '1vngm1viu6qqksk0qckq8aag7p';

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
    'mint',
    '--url',
    idp.url,
    '--user',
    'bob',
    '--scenario',
    'expired',
    '--json',
    '--claim',
    'custom:tenant=acme',
    '--claim',
    'cognito:groups=["ops"]',
    '--suppress',
    'email',
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

t.test("offline mint creates the keys file's folder if needed", async (t) => {
  const { existsSync } = await import('node:fs');
  const keysFile = join(t.testdir(), 'not', 'yet', 'keys.json');
  const result = await runCliInProcess(['mint', '--keys-file', keysFile]);
  t.equal(result.code, 0, result.stderr);
  t.equal(
    result.stderr,
    'mock-idp mint: signed offline for issuer http://127.0.0.1:4455/us-east-1_LocalPool: a server at http://127.0.0.1:4455 (or one started with --public-url http://127.0.0.1:4455), with the same --keys-file, accepts it\n',
    'only the issuer hint',
  );
  t.ok(existsSync(keysFile), 'saved');
});

t.test('offline mint and a server on another port: the hint names the issuer, --public-url makes them agree', async (t) => {
  const keysFile = join(t.testdir(), 'keys.json');
  await copyFile(testKeysFile, keysFile);
  const server = await serveInProcess(['--port', '0', '--keys-file', keysFile, '--log-level', 'warn']);
  t.teardown(() => server.stop());
  const check = (token: string) => runCliInProcess(['verify', token, '--url', server.url, '--client-id', spa, '--token-use', 'id']);

  const plain = await runCliInProcess(['mint', '--keys-file', keysFile, '--user', 'alice']);
  t.equal(plain.code, 0, plain.stderr);
  t.match(plain.stderr, 'signed offline for issuer http://127.0.0.1:4455/us-east-1_LocalPool', 'says which issuer it used');
  const refused = await check(plain.stdout.trim());
  t.equal(refused.code, 1);
  t.match(refused.stderr, /^rejected: WRONG_ISSUER/, 'a server elsewhere refuses it, as the hint warned');

  const matched = await runCliInProcess(['mint', '--keys-file', keysFile, '--user', 'alice', '--public-url', server.url]);
  t.equal(matched.code, 0, matched.stderr);
  t.match(matched.stderr, `signed offline for issuer ${server.url}/us-east-1_LocalPool`);
  const accepted = await check(matched.stdout.trim());
  t.equal(accepted.code, 0, accepted.stderr);
  t.match(accepted.stdout, /^valid: id token of alice/);

  const env = await runCliInProcess(['mint', '--keys-file', keysFile], { MOCK_IDP_PUBLIC_URL: server.url });
  t.match(env.stderr, `issuer ${server.url}/us-east-1_LocalPool`, 'MOCK_IDP_PUBLIC_URL too, as serve reads it');
  const cognito = await runCliInProcess(['mint', '--keys-file', keysFile, '--issuer-style', 'cognito']);
  t.match(cognito.stderr, 'issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool: a server with --issuer-style cognito');
});

t.test("mint --help says where an offline token's issuer comes from; the offline flags need --keys-file", async (t) => {
  const help = await runCliInProcess(['mint', '--help']);
  t.match(help.stdout, 'A server\nrejects the token (WRONG_ISSUER) unless its issuer is the same');
  t.match(help.stdout, '--public-url URL');
  for (const flag of [
    ['--public-url', 'http://127.0.0.1:5109'],
    ['--issuer-style', 'cognito'],
  ]) {
    const result = await runCliInProcess(['mint', ...flag]);
    t.equal(result.code, 2, flag[0]!);
    t.match(result.stderr, `${flag[0]} is for offline minting; add --keys-file`);
  }
});
