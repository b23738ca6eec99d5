/**
 * What a mistyped value gets: the key (or the flag, or the variable) that was
 * wrong and what it takes, never a schema's inner wording ("must be null",
 * "must match pattern …").
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { runCliInProcess } from '../helpers/cli.js';

t.test('--public-url without a scheme: says so, with the value as it should be typed', async (t) => {
  const result = await runCliInProcess(['serve', '--public-url', '127.0.0.1:5109']);
  t.equal(result.code, 2, 'bad usage');
  t.equal(result.stderr, 'mock-idp serve: --public-url needs a URL with a scheme, e.g. http://127.0.0.1:5109\nRun `mock-idp serve --help` for usage.\n');
  for (const [command, flag] of [
    ['mint', '--url'],
    ['rotate', '--url'],
    ['verify', '--url'],
  ]) {
    const args = command === 'verify' ? [command, 'a.b.c', '--skip-client-check', '--skip-token-use-check', flag!, 'localhost:4455'] : [command!, flag!, 'localhost:4455'];
    const other = await runCliInProcess(args);
    t.equal(other.code, 2, `${command} ${flag}`);
    t.match(other.stderr, `${flag} needs a URL with a scheme, e.g. http://localhost:4455`);
  }
});

t.test('other flags the config checks are named as flags, with what they take', async (t) => {
  const cases: Array<[string[], string]> = [
    [['--admin-token', 'has spaces'], '--admin-token must be a Bearer token: 1 to 1024 of A-Z a-z 0-9 . _ ~ + / -'],
    [['--allowed-host', 'http://idp'], '--allowed-host must be a host name or IP address, with an optional port'],
    [['--mongodb-uri', 'localhost:27017'], '--mongodb-uri must be a MongoDB URI, starting with mongodb:// or mongodb+srv://'],
  ];
  for (const [args, message] of cases) {
    const result = await runCliInProcess(['serve', '--port', '0', ...args]);
    t.equal(result.code, 2, args[0]!);
    t.match(result.stderr, `mock-idp serve: ${message}`);
  }
});

t.test('the environment: the variable and the key it sets', async (t) => {
  const result = await runCliInProcess(['serve', '--port', '0'], { MOCK_IDP_PUBLIC_URL: '127.0.0.1:5109' });
  t.equal(result.code, 1);
  t.match(result.stderr, 'environment: MOCK_IDP_PUBLIC_URL ("publicUrl") must be a URL with a scheme and a host, e.g. "http://127.0.0.1:4455"');
  t.notMatch(result.stderr, 'must be null');
  const style = await runCliInProcess(['serve', '--port', '0'], { MOCK_IDP_ISSUER_STYLE: 'aws' });
  t.match(style.stderr, 'environment: MOCK_IDP_ISSUER_STYLE ("issuerStyle") must be one of "local", "cognito"');
});

t.test('a config file: a choice with null (anyOf) says what the value must be, then "or null"', async (t) => {
  const dir = t.testdir();
  const cases: Array<[unknown, string]> = [
    [{ publicUrl: '127.0.0.1:5109' }, '"publicUrl" must be a URL with a scheme and a host, e.g. "http://127.0.0.1:4455" or "https://idp.example.test" (or null to leave it unset)'],
    [{ publicUrl: 5109 }, '"publicUrl" must be a URL with a scheme and a host'],
    [{ keys: { rotateEverySeconds: -1 } }, '"keys.rotateEverySeconds" must be a number ≥ 0 (or null to leave it unset)'],
    [{ stateDir: '' }, '"stateDir" must be a non-empty string (or null to leave it unset)'],
    [{ pools: [{ id: 'us-west-2_Mine', users: 'all', clients: [{ id: 'abc', name: 'web' }] }] }, '"pools[0].users" must be "*"'],
    [{ pools: [{ id: 'Mine', clients: [{ id: 'abc', name: 'web' }] }] }, '"pools[0].id" must be a pool id, <region>_<name>, e.g. "us-east-1_MyPool"'],
    [{ port: '8080' }, '"port" must be a whole number'],
    [{ clock: { fixedTime: true } }, '"clock.fixedTime" must be a string or a number or null'],
  ];
  for (const [contents, message] of cases) {
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify(contents));
    const result = await runCliInProcess(['serve', '--port', '0', '--config', file]);
    t.equal(result.code, 1, JSON.stringify(contents));
    t.match(result.stderr, `config file ${file}: ${message}`);
    t.notMatch(result.stderr, /must be null|must match pattern|must match a schema/, 'no schema wording');
  }
});
