/**
 * A pool of your own with `"users": "*"` beside the bundled users: it gets
 * them (the users file puts them in pools this config does not have). A pool
 * the users file does fill keeps only its own.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { runCliInProcess, serveInProcess } from '../helpers/cli.js';

const client = { id: 'mineclient0123456789abcdef', name: 'web' };

t.test('a custom pool with "users": "*" and the fixture users file: every fixture user can sign in to it', async (t) => {
  const dir = t.testdir();
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ pools: [{ id: 'us-west-2_Mine', users: '*', clients: [client] }] }));
  const server = await serveInProcess(['--port', '0', '--log-level', 'warn', '--store', 'memory', '--config', config]);
  t.teardown(() => server.stop());
  for (const user of ['alice', 'bob']) {
    const minted = await runCliInProcess(['mint', '--url', server.url, '--user', user, '--json']);
    t.equal(minted.code, 0, minted.stderr);
    t.match(JSON.parse(minted.stdout), { pool: 'us-west-2_Mine', payload: { 'cognito:username': user, iss: `${server.url}/us-west-2_Mine` } }, `${user} is in the pool`);
  }
  const pools = (await (await fetch(`${server.url}/_mock/pools`)).json()) as { pools: Array<{ id: string; users: unknown[] }> };
  t.equal(pools.pools.find((p) => p.id === 'us-west-2_Mine')?.users.length, 24, 'all 24 fixture users (of both fixture pools)');
});

t.test('"*" in a pool the users file does fill: only its own users', async (t) => {
  const dir = t.testdir({
    'users.json': JSON.stringify({
      users: [
        { username: 'zoe', pool: 'us-west-2_Mine', sub: 'zoe-sub', password: 'Zoe-pass-1!', attributes: {} },
        { username: 'yan', pool: 'us-west-2_Gone', sub: 'yan-sub', password: 'Yan-pass-1!', attributes: {} },
      ],
    }),
  });
  const file = join(dir, 'config.json');
  await writeFile(
    file,
    JSON.stringify({
      usersFile: 'users.json',
      pools: [
        { id: 'us-west-2_Mine', users: '*', clients: [client] },
        { id: 'us-west-2_Empty', users: '*', clients: [{ ...client, id: 'emptyclient' }] },
      ],
    }),
  );
  const { users } = await loadConfig({ file });
  t.same(
    users.filter((u) => u.pool === 'us-west-2_Mine').map((u) => u.username),
    ['zoe'],
    'its own user only',
  );
  t.same(
    users.filter((u) => u.pool === 'us-west-2_Empty').map((u) => [u.username, u.sub]),
    [['yan', 'yan-sub']],
    'the other "*" pool takes the user no configured pool has',
  );
});

t.test('a list naming a user the users file puts elsewhere: the message says where, and what "*" does', async (t) => {
  const dir = t.testdir();
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ pools: [{ id: 'us-west-2_Mine', users: ['alice'], clients: [client] }] }));
  const result = await runCliInProcess(['serve', '--port', '0', '--config', config]);
  t.equal(result.code, 1);
  t.match(
    result.stderr,
    /pool "us-west-2_Mine" lists user "alice", but the users file \S+users\.json puts that user in us-east-1_LocalPool: a pool lists users whose "pool" is "us-west-2_Mine", or takes "users": "\*" \(every user of a pool this config does not have\) \[INVALID_CONFIG\]/,
  );
});
