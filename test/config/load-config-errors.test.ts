import { join } from 'node:path';
import t, { type Test } from 'tap';
import { loadConfig, type ConfigOverrides } from '../../src/config/load-config.js';
import { startMockIdp } from '../../src/internal.js';
import { createServices } from '../../src/services.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Loads `{ 'config.json': contents, ...others }` from a temp dir; resolves to the error, or null. */
async function loadError(t: Test, contents: unknown, others: Record<string, string> = {}) {
  const dir = t.testdir({ 'config.json': typeof contents === 'string' ? contents : json(contents), ...others });
  return loadConfig({ file: join(dir, 'config.json') }).then(
    () => null,
    (error: unknown) => error as { name: string; code: string; details?: { path?: string } },
  );
}

const client = { id: 'abcdefghij0123456789klmnop', name: 'web' };
const pool = (extra: Record<string, unknown> = {}) => ({ id: 'us-west-2_Mine', clients: [client], ...extra });

t.test('an unknown key in a file → INVALID_CONFIG with the key path', async (t) => {
  const cases: Array<[string, unknown]> = [
    ['prot', { prot: 8080 }],
    ['keys.rotateEvery', { keys: { rotateEvery: 60 } }],
    ['clock.tolerance', { clock: { tolerance: 5 } }],
    ['pools[0].clinets', { pools: [{ id: 'us-west-2_Mine', clinets: [client] }] }],
    ['pools[1].clients[0].secert', { pools: [pool(), { id: 'us-west-2_Two', clients: [{ ...client, id: 'x2', secert: 's' }] }] }],
    ['pools[0].claimRules.idTokenGeneration.claimsToAdd', { pools: [pool({ claimRules: { idTokenGeneration: { claimsToAdd: {} } } })] }],
  ];
  for (const [path, contents] of cases) {
    const error = await loadError(t, contents);
    t.match(error, { name: 'MockIdpError', code: 'INVALID_CONFIG' }, path);
    t.equal(error?.details?.path, path, `details.path is ${path}`);
  }
});

t.test('wrong types and out-of-range values → INVALID_CONFIG with the key path', async (t) => {
  const cases: Array<[string, unknown]> = [
    ['port', { port: '8080' }],
    ['issuerStyle', { issuerStyle: 'aws' }],
    ['bodyLimitBytes', { bodyLimitBytes: 10 }],
    ['keys.retiredKeysKept', { keys: { retiredKeysKept: 1000 } }],
    ['pools', { pools: [] }],
    ['pools[0].id', { pools: [pool({ id: 'LocalPool' })] }],
    ['pools[0].clients[0].accessTokenValiditySeconds', { pools: [pool({ clients: [{ ...client, accessTokenValiditySeconds: 60 }] })] }],
    ['pools[0].clients[0].name', { pools: [pool({ clients: [{ id: client.id }] })] }],
  ];
  for (const [path, contents] of cases) {
    const error = await loadError(t, contents);
    t.match(error, { code: 'INVALID_CONFIG' }, path);
    t.equal(error?.details?.path, path, `details.path is ${path}`);
  }
});

t.test('a file that cannot be read or parsed → INVALID_CONFIG', async (t) => {
  t.match(await loadError(t, '{"port": 80,'), { code: 'INVALID_CONFIG' }, 'not JSON');
  t.match(await loadError(t, '[]'), { code: 'INVALID_CONFIG' }, 'not an object');
  const dir = t.testdir({});
  await t.rejects(loadConfig({ file: join(dir, 'missing.json') }), { code: 'INVALID_CONFIG' }, 'missing');
});

t.test('a file with its own pools replaces the fixture pools', async (t) => {
  const dir = t.testdir({ 'config.json': json({ pools: [pool(), { id: 'eu-central-1_Other', clients: [{ ...client, id: 'other' }] }] }) });
  const { config, users } = await loadConfig({ file: join(dir, 'config.json') });
  t.same(
    config.pools.map((p) => p.id),
    ['us-west-2_Mine', 'eu-central-1_Other'],
  );
  t.equal(config.defaultPool, 'us-west-2_Mine', 'no defaultPool named: the first of its pools');
  t.ok(users.length > 0, 'users still come from the fixture users file');

  const named = t.testdir({ 'config.json': json({ defaultPool: 'eu-central-1_Other', pools: [pool(), { id: 'eu-central-1_Other', clients: [{ ...client, id: 'o' }] }] }) });
  t.equal((await loadConfig({ file: join(named, 'config.json') })).config.defaultPool, 'eu-central-1_Other');
});

t.test('a file with its own pools and users file', async (t) => {
  const users = {
    users: [
      { username: 'zoe', pool: 'us-west-2_Mine', sub: 'sub-zoe', password: 'pw', attributes: { email: 'zoe@example.com' } },
      { username: 'yan', pool: 'us-west-2_Mine', sub: 'sub-yan', password: 'pw', attributes: {} },
    ],
  };
  const dir = t.testdir({ 'config.json': json({ usersFile: 'people.json', pools: [pool({ users: ['zoe'] })] }), 'people.json': json(users) });
  const loaded = await loadConfig({ file: join(dir, 'config.json') });
  t.equal(loaded.config.usersFile, join(dir, 'people.json'));
  t.same(
    loaded.users.map((u) => u.username),
    ['zoe', 'yan'],
  );
  t.match(loaded.users[0], { enabled: true, status: 'CONFIRMED', groups: [] }, 'users file defaults filled in');
  const services = await createServices(loaded, { keyFactory: await fastKeyFactory() });
  t.same(
    services.directory.pool().users.map((u) => u.username),
    ['zoe'],
    'the pool has only the users it lists',
  );
});

t.test('defaultPool not among the pools → INVALID_CONFIG', async (t) => {
  t.match(await loadError(t, { defaultPool: 'us-east-1_Nope' }), { code: 'INVALID_CONFIG' });
  t.match(await loadError(t, { defaultPool: 'us-east-1_LocalPool', pools: [pool()] }), { code: 'INVALID_CONFIG' }, 'named explicitly');
  await t.rejects(loadConfig({ overrides: { defaultPool: 'eu-west-1_Nope' } }), { code: 'INVALID_CONFIG' });
});

t.test('duplicate pools, client ids or client names → INVALID_CONFIG', async (t) => {
  t.match(await loadError(t, { pools: [pool(), pool()] }), { code: 'INVALID_CONFIG' }, 'pool twice');
  t.match(await loadError(t, { pools: [pool(), { id: 'us-west-2_Two', clients: [client] }] }), { code: 'INVALID_CONFIG' }, 'client id twice');
  t.match(await loadError(t, { pools: [pool({ clients: [client, { ...client, id: 'another' }] })] }), { code: 'INVALID_CONFIG' }, 'client name twice');
});

t.test('users file errors → INVALID_CONFIG', async (t) => {
  const user = { username: 'zoe', pool: 'us-west-2_Mine', sub: 's', password: 'p', attributes: {} };
  t.match(await loadError(t, { usersFile: 'nope.json' }), { code: 'INVALID_CONFIG' }, 'missing users file');
  t.match(await loadError(t, { usersFile: 'u.json' }, { 'u.json': '{' }), { code: 'INVALID_CONFIG' }, 'users file not JSON');
  const typo = await loadError(t, { usersFile: 'u.json' }, { 'u.json': json({ users: [{ ...user, pasword: 'x' }] }) });
  t.match(typo, { code: 'INVALID_CONFIG' }, 'unknown key in a user');
  t.equal(typo?.details?.path, 'users[0].pasword');
  const attribute = await loadError(t, { usersFile: 'u.json' }, { 'u.json': json({ users: [{ ...user, attributes: { 'custom:age': 42 } }] }) });
  t.equal(attribute?.details?.path, 'users[0].attributes.custom:age', 'attribute values are strings');
  const missing = await loadError(t, { usersFile: 'u.json' }, { 'u.json': json({ users: [{ username: 'zoe' }] }) });
  t.match(missing, { code: 'INVALID_CONFIG' }, 'required fields');
  t.equal(missing?.details?.path, 'users[0].pool');
  const listed = await loadError(t, { usersFile: 'u.json', pools: [pool({ users: ['zoe', 'ghost'] })] }, { 'u.json': json({ users: [user] }) });
  t.match(listed, { code: 'INVALID_CONFIG' }, 'a pool lists a user the file does not have');
  const otherPool = await loadError(t, { pools: [pool({ users: ['alice'] })] });
  t.match(otherPool, { code: 'INVALID_CONFIG' }, 'the user exists, but in another pool');
});

t.test('an immutable claim in claimRules → INVALID_CONFIG when the config is loaded', async (t) => {
  const { config: base } = await loadConfig();
  const withRules = (rules: unknown, on: 'pool' | 'client'): ConfigOverrides => {
    const pools = structuredClone(base.pools);
    if (on === 'pool') pools[0]!.claimRules = rules as never;
    else pools[1]!.clients[1]!.claimRules = rules as never;
    return { pools };
  };
  const cases: Array<[string, ConfigOverrides]> = [
    ['aud added on a pool', withRules({ idTokenGeneration: { claimsToAddOrOverride: { aud: 'x' } } }, 'pool')],
    ['sub suppressed on a client', withRules({ accessTokenGeneration: { claimsToSuppress: ['sub'] } }, 'client')],
    ['token_use overridden', withRules({ accessTokenGeneration: { claimsToAddOrOverride: { token_use: 'id' } } }, 'pool')],
  ];
  for (const [name, overrides] of cases) {
    await t.rejects(loadConfig({ overrides }), { name: 'MockIdpError', code: 'INVALID_CONFIG' }, name);
  }
  await t.rejects(startMockIdp({ config: cases[0]![1], keyFactory: await fastKeyFactory() }), { code: 'INVALID_CONFIG' }, 'startMockIdp refuses to start');
  const allowed = await loadConfig({ overrides: withRules({ idTokenGeneration: { claimsToAddOrOverride: { 'custom:x': '1' }, claimsToSuppress: ['email'] } }, 'pool') });
  await t.resolves(createServices(allowed, { keyFactory: await fastKeyFactory() }), 'other claims are fine');
});

t.test('a clock.fixedTime that is not a time → INVALID_CONFIG when the services are built', async (t) => {
  const loaded = await loadConfig({ overrides: { clock: { fixedTime: 'yesterday' } } });
  await t.rejects(createServices(loaded, { keyFactory: await fastKeyFactory() }), { code: 'INVALID_CONFIG' });
  const epoch = await createServices(await loadConfig({ overrides: { clock: { fixedTime: 1_900_000_000 } } }), { keyFactory: await fastKeyFactory() });
  t.equal(epoch.clock.nowSeconds(), 1_900_000_000, 'epoch seconds work');
  t.equal(epoch.clock.state().fixed, true);
});
