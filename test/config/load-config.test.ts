import { join, resolve } from 'node:path';
import t from 'tap';
import { defaults } from '../../src/config/defaults.js';
import { defaultConfigFile, fixturesDir, loadConfig } from '../../src/config/load-config.js';

const fixturePools = ['us-east-1_LocalPool', 'eu-west-1_TeamsPool'];
const json = (value: unknown) => JSON.stringify(value, null, 2);

t.test('defaults: the documented defaults object plus the fixture pools and users', async (t) => {
  const { config, users } = await loadConfig();
  t.same(
    { host: config.host, port: config.port, publicUrl: config.publicUrl, issuerStyle: config.issuerStyle, logLevel: config.logLevel },
    { host: '127.0.0.1', port: 4455, publicUrl: null, issuerStyle: 'local', logLevel: 'info' },
  );
  t.equal(config.bodyLimitBytes, 64 * 1024);
  t.same(config.clock, { fixedTime: null, toleranceSeconds: 60 });
  t.same(config.keys, defaults.keys);
  t.same(config.keys, {
    file: null,
    seedFile: null,
    rotateEverySeconds: null,
    prePublishSeconds: 0,
    overlapSeconds: null,
    jwksMaxAgeSeconds: 300,
    reservoir: true,
    reservoirSize: 8,
    reservoirDir: null,
    retiredKeysKept: 5,
    maxRetiringKeys: 5,
    retiredGraceSeconds: 86_400,
  });
  t.equal(config.defaultPool, 'us-east-1_LocalPool');
  t.same(
    config.pools.map((p) => p.id),
    fixturePools,
  );
  t.equal(config.usersFile, resolve(fixturesDir, 'users.json'), 'paths in a file are relative to it');
  t.ok(users.some((u) => u.username === 'alice' && u.pool === 'us-east-1_LocalPool'));
  t.ok(users.some((u) => u.username === 'carol' && u.pool === 'eu-west-1_TeamsPool'));
});

t.test('loading twice gives equal, independent configs', async (t) => {
  const a = await loadConfig();
  const b = await loadConfig();
  t.same(a.config, b.config);
  a.config.keys.retiredKeysKept = 99;
  t.equal(b.config.keys.retiredKeysKept, 5);
  t.equal(defaults.keys.retiredKeysKept, 5, 'the defaults object is never mutated');
});

t.test('a config file overrides the keys it names; objects merge one level deep', async (t) => {
  const dir = t.testdir({
    'mock-idp.json': json({
      $schema: './schema.json',
      port: 8080,
      issuerStyle: 'cognito',
      clock: { toleranceSeconds: 5 },
      keys: { rotateEverySeconds: 600, file: 'state/keys.json' },
    }),
  });
  const { config } = await loadConfig({ file: join(dir, 'mock-idp.json') });
  t.equal(config.port, 8080);
  t.equal(config.issuerStyle, 'cognito');
  t.equal(config.host, '127.0.0.1', 'unnamed settings keep their defaults');
  t.same(config.clock, { fixedTime: null, toleranceSeconds: 5 });
  t.equal(config.keys.rotateEverySeconds, 600);
  t.equal(config.keys.file, join(dir, 'state/keys.json'), 'relative to the config file');
  t.equal(config.keys.jwksMaxAgeSeconds, 300, 'other keys settings kept');
  t.equal(config.keys.seedFile, null);
  t.same(
    config.pools.map((p) => p.id),
    fixturePools,
    'no pools in the file: the fixture pools',
  );
});

t.test('MOCK_IDP_CONFIG names the file when no file is passed', async (t) => {
  const dir = t.testdir({ 'c.json': json({ port: 1234 }) });
  const { config } = await loadConfig({ env: { MOCK_IDP_CONFIG: join(dir, 'c.json') } });
  t.equal(config.port, 1234);
});

t.test('the environment layer: MOCK_IDP_* variables', async (t) => {
  const { config } = await loadConfig({
    env: {
      MOCK_IDP_HOST: '0.0.0.0',
      MOCK_IDP_PORT: '9000',
      MOCK_IDP_PUBLIC_URL: 'http://idp.test:9000//',
      MOCK_IDP_ISSUER_STYLE: 'cognito',
      MOCK_IDP_LOG_LEVEL: 'warn',
      MOCK_IDP_KEYS_FILE: 'relative/keys.json',
      MOCK_IDP_ROTATE_EVERY_SECONDS: '60',
      MOCK_IDP_JWKS_MAX_AGE_SECONDS: '10',
      MOCK_IDP_FIXED_TIME: '2030-01-01T00:00:00Z',
      UNRELATED: 'ignored',
    },
  });
  t.equal(config.host, '0.0.0.0');
  t.equal(config.port, 9000);
  t.equal(config.publicUrl, 'http://idp.test:9000', 'trailing slashes dropped');
  t.equal(config.issuerStyle, 'cognito');
  t.equal(config.logLevel, 'warn');
  t.equal(config.keys.file, resolve('relative/keys.json'), 'relative to the working directory');
  t.equal(config.keys.rotateEverySeconds, 60);
  t.equal(config.keys.jwksMaxAgeSeconds, 10);
  t.equal(config.keys.retiredKeysKept, 5, 'keys settings not in the environment kept');
  t.same(config.clock, { fixedTime: '2030-01-01T00:00:00Z', toleranceSeconds: 60 });
});

t.test('bad environment values → INVALID_CONFIG naming the setting', async (t) => {
  const cases: Array<[Record<string, string>, string | undefined]> = [
    [{ MOCK_IDP_PORT: 'eighty' }, undefined],
    [{ MOCK_IDP_PORT: ' ' }, undefined],
    [{ MOCK_IDP_ROTATE_EVERY_SECONDS: '1h' }, undefined],
    [{ MOCK_IDP_PORT: '70000' }, 'port'],
    [{ MOCK_IDP_PORT: '80.5' }, 'port'],
    [{ MOCK_IDP_ISSUER_STYLE: 'aws' }, 'issuerStyle'],
    [{ MOCK_IDP_PUBLIC_URL: 'idp.test' }, 'publicUrl'],
    [{ MOCK_IDP_JWKS_MAX_AGE_SECONDS: '-1' }, 'keys.jwksMaxAgeSeconds'],
  ];
  for (const [env, path] of cases) {
    const error = await loadConfig({ env }).then(
      () => null,
      (e: unknown) => e,
    );
    t.match(error, { name: 'MockIdpError', code: 'INVALID_CONFIG' }, JSON.stringify(env));
    if (path) t.equal((error as { details?: { path?: string } }).details?.path, path);
  }
});

t.test('the loader reads only the environment it is given', async (t) => {
  const saved = process.env.MOCK_IDP_PORT;
  process.env.MOCK_IDP_PORT = '1111';
  t.teardown(() => {
    if (saved === undefined) delete process.env.MOCK_IDP_PORT;
    else process.env.MOCK_IDP_PORT = saved;
  });
  t.equal((await loadConfig()).config.port, 4455);
});

t.test('layer order: defaults ← fixtures ← file ← env ← overrides', async (t) => {
  const dir = t.testdir({ 'c.json': json({ port: 1000, host: 'file.host', logLevel: 'debug', keys: { retiredKeysKept: 1 } }) });
  const { config } = await loadConfig({
    file: join(dir, 'c.json'),
    env: { MOCK_IDP_PORT: '2000', MOCK_IDP_HOST: 'env.host' },
    overrides: { port: 3000, keys: { prePublishSeconds: 30 } },
  });
  t.equal(config.port, 3000, 'overrides beat the environment');
  t.equal(config.host, 'env.host', 'the environment beats the file');
  t.equal(config.logLevel, 'debug', 'the file beats the defaults');
  t.equal(config.keys.retiredKeysKept, 1);
  t.equal(config.keys.prePublishSeconds, 30);
  t.equal(config.keys.jwksMaxAgeSeconds, 300);
});

t.test('overrides are validated too and are not mutated', async (t) => {
  const overrides = { keys: { overlapSeconds: 10 } };
  await loadConfig({ overrides });
  t.same(overrides, { keys: { overlapSeconds: 10 } });
  await t.rejects(loadConfig({ overrides: { port: -1 } }), { code: 'INVALID_CONFIG', details: { path: 'port' } });
  await t.rejects(loadConfig({ overrides: { keys: { rotateEverySecond: 5 } } as never }), {
    code: 'INVALID_CONFIG',
    details: { path: 'keys.rotateEverySecond' },
  });
});

t.test('the fixture config file is the first layer and valid on its own', async (t) => {
  const { config } = await loadConfig({ file: defaultConfigFile });
  t.same(
    config.pools.map((p) => p.id),
    fixturePools,
  );
});

t.test('the key reservoir: on by default; MOCK_IDP_KEY_RESERVOIR turns it off, MOCK_IDP_KEY_RESERVOIR_DIR moves it', async (t) => {
  t.equal((await loadConfig()).config.keys.reservoir, true);
  const { config } = await loadConfig({ env: { MOCK_IDP_KEY_RESERVOIR: 'false', MOCK_IDP_KEY_RESERVOIR_DIR: 'cache/keys' } });
  t.equal(config.keys.reservoir, false);
  t.equal(config.keys.reservoirDir, resolve('cache/keys'));
  t.equal((await loadConfig({ env: { MOCK_IDP_KEY_RESERVOIR: 'on' } })).config.keys.reservoir, true);
  await t.rejects(loadConfig({ env: { MOCK_IDP_KEY_RESERVOIR: 'maybe' } }), { code: 'INVALID_CONFIG' });
});
