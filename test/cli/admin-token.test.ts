import t from 'tap';
import { runCliInProcess, serveInProcess, testKeysConfig } from '../helpers/cli.js';

// Each serve starts from the committed test-only keys (--config testKeysConfig): no RSA key generation but the rotation's.

t.test('serve on every interface without an admin token warns loudly on stderr', async (t) => {
  const server = await serveInProcess(['--port', '0', '--host', '0.0.0.0', '--log-level', 'warn', '--config', await testKeysConfig(t.testdir())]);
  t.equal(await server.stop(), 0);
  const { stderr } = server.output();
  t.match(stderr, /^WARNING: mock-idp listens on 0\.0\.0\.0 .*without an admin token\.\n {2}Anyone who can reach this address can mint/m, 'plain text, several lines');
  t.match(stderr, /"level":40.*WARNING: mock-idp listens on 0\.0\.0\.0/, 'and a warn-level log line');
});

t.test('serve --admin-token: the CLI client commands send it, from the flag or MOCK_IDP_ADMIN_TOKEN', async (t) => {
  const token = 'cli-admin-token-42';
  const server = await serveInProcess(['--port', '0', '--host', '0.0.0.0', '--log-level', 'warn', '--admin-token', token, '--config', await testKeysConfig(t.testdir())]);
  t.teardown(() => server.stop());
  t.notMatch(server.output().stderr, /WARNING/, 'no warning with an admin token');
  const url = server.url.replace('0.0.0.0', '127.0.0.1');

  const refused = await runCliInProcess(['rotate', '--url', url]);
  t.equal(refused.code, 1);
  t.match(refused.stderr, '[ADMIN_TOKEN_REQUIRED]');

  const rotated = await runCliInProcess(['rotate', '--url', url, '--admin-token', token, '--pool', 'us-east-1_LocalPool', '--type', 'id', '--json']);
  t.equal(rotated.code, 0, rotated.stderr);
  t.equal(JSON.parse(rotated.stdout).length, 1, 'one new key');
  const minted = await runCliInProcess(['mint', '--url', url, '--user', 'alice'], { MOCK_IDP_ADMIN_TOKEN: token });
  t.equal(minted.code, 0, minted.stderr);
  t.match(minted.stdout, /^ey/);
});
