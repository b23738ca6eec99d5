import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import t from 'tap';
import { runCliInProcess, serveInProcess, startServe, testKeysConfig, testKeysFileCopy } from '../helpers/cli.js';
import { alice, localPool, spa } from '../helpers/cognito.js';

// The one test here of the real process (the others call the CLI in-process): its banner, a sign-in whose tokens its
// own Uint8Array.prototype.toBase64 encoded (src/runtime; installed by the process entry only), and exit 0 on SIGTERM.
t.test('the serve process: prints the URLs, signs in through the AWS SDK (tokens that verify, unpadded base64url, a refresh that refreshes), exits 0 on SIGTERM', async (t) => {
  const server = await startServe(['--port', '0', '--log-level', 'warn', '--config', await testKeysConfig(t.testdir())]);
  const { stdout } = server.output();
  const base = server.url;
  for (const line of [
    `${base}/us-east-1_LocalPool/.well-known/jwks.json`,
    `${base}/us-east-1_LocalPool/.well-known/openid-configuration`,
    `issuer     ${base}/us-east-1_LocalPool`,
    `${base}/_mock/`,
  ]) {
    t.match(stdout, line);
  }
  const health = await fetch(`${base}/health`);
  t.equal(health.status, 200);
  t.match(await health.json(), { status: 'ok', store: { kind: 'memory' } }, '/health names the App Services store');

  const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: base, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  t.teardown(() => cognito.destroy());
  const signIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }));
  const { IdToken, AccessToken, RefreshToken } = signIn.AuthenticationResult!;
  for (const [name, token, parts] of [
    ['ID', IdToken, 3],
    ['access', AccessToken, 3],
    ['refresh', RefreshToken, 5],
  ] as const) {
    t.equal(token!.split('.').length, parts, `the ${name} token has ${parts} parts`);
    t.match(token, /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, `the ${name} token's parts are base64url, unpadded`);
  }
  const issuer = `${base}/${localPool}`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const id = await jwtVerify(IdToken!, jwks, { issuer, audience: spa, algorithms: ['RS256'] });
  const access = await jwtVerify(AccessToken!, jwks, { issuer, algorithms: ['RS256'] });
  t.match(id.payload, { token_use: 'id', 'cognito:username': 'alice', email_verified: true });
  t.match(access.payload, { token_use: 'access', client_id: spa, username: 'alice' });
  const refresh = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: spa, AuthParameters: { REFRESH_TOKEN: RefreshToken! } }));
  const renewed = await jwtVerify(refresh.AuthenticationResult!.IdToken!, jwks, { issuer, audience: spa, algorithms: ['RS256'] });
  t.equal(renewed.payload.origin_jti, id.payload.origin_jti, 'the refresh belongs to the same sign-in');

  const stopped = await server.stop();
  t.equal(stopped.code, 0, 'exit 0');
  t.notMatch(server.output().stderr, /still open after/, 'by itself, not through the exit grace');
});

t.test('the stop signal (SIGTERM, docker stop) with a request in flight, a keys file and scheduled rotation: serve returns 0, the request gets a 503', async (t) => {
  const keysFile = join(t.testdir(), 'keys.json');
  const server = await serveInProcess(['--port', '0', '--log-level', 'warn', '--keys-file', keysFile, '--rotate-every', '3600']);
  const fault = await fetch(`${server.url}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target: 'jwks', delayMs: 10_000 }),
  });
  t.equal(fault.status, 200, 'the JWKS now answers after 10 s');
  const inFlight = fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.status);
  // Wait until the server holds the request (the fault counts it), polling for at most 5 s.
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const { faults } = (await (await fetch(`${server.url}/_mock/faults`)).json()) as { faults: { injected: number }[] };
    if (faults[0]?.injected) break;
  }
  t.equal(await server.stop(), 0, 'exit code 0');
  t.equal(await inFlight, 503, 'the waiting request is answered at once: 503, the server is closing');
  t.match(JSON.parse(await readFile(keysFile, 'utf8')), { format: 'mock-idp-keys' }, 'the keys file was written');
});

t.test('a restart with --keys-file keeps issued tokens valid', async (t) => {
  // Starts from a copy of the committed test keys (loading a keys file is the point; generating the first ones is not).
  const keysFile = await testKeysFileCopy(t.testdir());
  const first = await serveInProcess(['--port', '0', '--keys-file', keysFile, '--public-url', 'http://127.0.0.1:4455', '--log-level', 'warn']);
  const minted = await runCliInProcess(['mint', '--url', first.url, '--user', 'alice']);
  t.equal(minted.code, 0, minted.stderr);
  const token = minted.stdout.trim();
  const rotated = await runCliInProcess(['rotate', '--url', first.url]);
  t.equal(rotated.code, 0);
  t.equal(await first.stop(), 0);
  t.match(JSON.parse(await readFile(keysFile, 'utf8')), { format: 'mock-idp-keys', version: 1 });

  const second = await serveInProcess(['--port', '0', '--keys-file', keysFile, '--public-url', 'http://127.0.0.1:4455', '--log-level', 'warn']);
  t.teardown(() => second.stop());
  const jwks = (await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  t.equal(jwks.keys.length, 4, 'two new keys and the two rotated-out ones, still published after the restart');
  const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
  t.ok(
    jwks.keys.some((k) => k.kid === kid),
    'the key that signed the token is among them',
  );
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'http://127.0.0.1:4455/us-east-1_LocalPool' });
  t.equal(payload['cognito:username'], 'alice');
});

t.test('serve refuses a config with an unknown key, naming it', async (t) => {
  const config = join(t.testdir(), 'mock-idp.json');
  await writeFile(config, JSON.stringify({ keys: { rotateEverySecond: 5 } }));
  const result = await runCliInProcess(['serve', '--port', '0', '--config', config]);
  t.equal(result.code, 1);
  t.match(result.stderr, 'keys.rotateEverySecond');
  t.match(result.stderr, '[INVALID_CONFIG]');
});

t.test('serve reads MOCK_IDP_* environment variables; flags win', async (t) => {
  const server = await serveInProcess(['--log-level', 'warn', '--issuer-style', 'cognito', '--config', await testKeysConfig(t.testdir())], {
    MOCK_IDP_PORT: '0',
    MOCK_IDP_PUBLIC_URL: 'http://idp:4455',
    MOCK_IDP_ISSUER_STYLE: 'local',
  });
  t.teardown(() => server.stop());
  const discovery = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  t.equal(discovery.issuer, 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool', 'the flag beats the environment');
  t.equal(discovery.jwks_uri, 'http://idp:4455/us-east-1_LocalPool/.well-known/jwks.json', 'public URL from the environment');
});

t.test('a port in use: exit 1 with a clear message', async (t) => {
  const config = await testKeysConfig(t.testdir());
  const first = await serveInProcess(['--port', '0', '--log-level', 'warn', '--config', config]);
  t.teardown(() => first.stop());
  const port = new URL(first.url).port;
  const result = await runCliInProcess(['serve', '--port', port, '--log-level', 'warn', '--config', config]);
  t.equal(result.code, 1);
  t.match(result.stderr, 'cannot listen');
});

t.test('the default embedded store falls back to memory where no mongod can be had, and says so', async (t) => {
  const server = await serveInProcess(['--port', '0', '--log-level', 'warn', '--config', await testKeysConfig(t.testdir())], { MOCK_IDP_STORE: 'embedded' });
  t.teardown(() => server.stop());
  const health = (await (await fetch(`${server.url}/health`)).json()) as { store: { kind: string } };
  if (health.store.kind === 'mongodb') {
    t.pass('a mongod was available: mongodb-memory-server started it');
    return;
  }
  t.equal(health.store.kind, 'memory');
  t.match(server.output().stderr, /using the in-process memory store/, 'the log says why');
  t.match(
    server.output().stdout,
    /^ {4}store {14}in-process memory store \(no mongod: .+; lost on restart\)\n {23}for MongoDB: set MONGODB_URI, or MONGOMS_SYSTEM_BINARY/m,
    'so does the banner, with what to set',
  );
});

t.test('the banner names the App Services store in use', async (t) => {
  const server = await serveInProcess(['--port', '0', '--log-level', 'warn', '--store', 'memory', '--config', await testKeysConfig(t.testdir())]);
  t.teardown(() => server.stop());
  t.match(server.output().stdout, /^ {2}App Services .*\n {4}store {14}in-process memory store \(store: memory; lost on restart\)\n {2}health/m);
  t.notMatch(server.output().stdout, 'for MongoDB', 'chosen, so no advice');
});
