import t from 'tap';
import { runCliInProcess } from '../helpers/cli.js';
import { startTestIdp } from '../helpers/idp.js';

const spa = '1vngm1viu6qqksk0qckq8aag7p';

t.test('verify: valid exits 0, rejected exits 1 with the code', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const { token } = await idp.mint({ user: 'alice', tokenUse: 'access' });
  const ok = await runCliInProcess(['verify', token, '--url', idp.url, '--client-id', spa, '--token-use', 'access']);
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, /^valid: access token of alice/);

  const json = await runCliInProcess(['verify', token, '--url', idp.url, '--client-id', spa, '--token-use', 'id', '--json']);
  t.equal(json.code, 1);
  t.match(JSON.parse(json.stdout), { valid: false, code: 'WRONG_TOKEN_USE', claims: { username: 'alice' } });

  const expired = await idp.mint({ scenario: 'expired' });
  const rejected = await runCliInProcess(['verify', expired.token, '--url', idp.url, '--client-id', spa, '--token-use', 'id']);
  t.equal(rejected.code, 1);
  t.match(rejected.stderr, /^rejected: EXPIRED/);
  t.equal(rejected.stdout, '', 'nothing on stdout: nothing there to take as verified');
  const [, claims] = /^claims \(UNVERIFIED: decoded from the rejected token, not to be trusted\)\n([\s\S]+)$/m.exec(rejected.stderr) ?? [];
  t.ok(claims, 'the claims follow the verdict, marked unverified');
  t.match(JSON.parse(claims!), { token_use: 'id', exp: expired.payload!.exp }, 'as the token has them (the exp that expired)');

  const garbage = await runCliInProcess(['verify', 'not.a.token', '--url', idp.url, '--client-id', spa, '--token-use', 'id']);
  t.equal(garbage.code, 1);
  t.match(garbage.stderr, /^rejected: MALFORMED.*\nclaims: none \(the payload does not decode as JSON\)\n$/s);
});

t.test('verify reads the token from stdin with "-", and checks at --at', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const { token, payload } = await idp.mint({ user: 'bob' });
  const { code, stdout } = await runCliInProcess(
    ['verify', '-', '--url', idp.url, '--client-id', spa, '--token-use', 'id', '--json', '--at', String((payload!.exp as number) + 60)],
    {},
    { stdin: `${token}\n` },
  );
  t.equal(code, 1);
  t.equal(JSON.parse(stdout).code, 'EXPIRED', 'a minute after exp');
});

t.test('verify with --jwks-uri and --issuer (Cognito issuer, local keys)', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { issuerStyle: 'cognito' } });
  const { token } = await idp.mint({ pool: 'eu-west-1_TeamsPool', tokenUse: 'access' });
  const result = await runCliInProcess([
    'verify',
    token,
    '--jwks-uri',
    idp.jwksUri('eu-west-1_TeamsPool'),
    '--issuer',
    idp.issuer('eu-west-1_TeamsPool'),
    '--skip-client-check',
    '--token-use',
    'access',
  ]);
  t.equal(result.code, 0, result.stderr);
  const wrongPool = await runCliInProcess(['verify', token, '--url', idp.url, '--skip-client-check', '--skip-token-use-check']);
  t.equal(wrongPool.code, 1, "the default pool's issuer and keys reject the other pool's token");
});

t.test('verify: bad usage exits 2', async (t) => {
  for (const args of [
    ['verify'],
    ['verify', 'a.b.c', '--token-use', 'id'],
    ['verify', 'a.b.c', '--client-id', 'x'],
    ['verify', 'a.b.c', '--client-id', 'x', '--token-use', 'refresh'],
    ['verify', 'a.b.c', '--client-id', 'x', '--skip-client-check', '--token-use', 'id'],
    ['verify', 'a.b.c', '--client-id', 'x', '--token-use', 'id', '--jwks-uri', 'http://127.0.0.1:9/jwks.json'],
    ['verify', 'a.b.c', 'd.e.f', '--client-id', 'x', '--token-use', 'id'],
  ]) {
    const result = await runCliInProcess(args);
    t.equal(result.code, 2, args.join(' '));
  }
});
