/**
 * docker compose without Docker: this project's services (idp, consumer) run as
 * plain processes with exactly the command and environment docker-compose.yml
 * (and the image's ENV) give them, loopback addresses put in for service names.
 * mongo is not ours and cannot run here (no mongod): see the printed reason.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { dockerfileStages, root, service, stageEnv } from '../helpers/docker-files.js';

/** A port nothing listens on now (the kernel's pick, released at once). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Runs a compose `command` (or healthcheck `CMD`) to completion; `node` is this Node. */
async function run(command: string[], env: Record<string, string>) {
  const child = spawn(command[0] === 'node' ? process.execPath : command[0]!, command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** A service's environment as its container sees it: the image's ENV, then compose's, with `replace` applied. */
function environment(stage: string, name: string, replace: Record<string, string | null>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  const given = { ...stageEnv(dockerfileStages().find((s) => s.name === stage)!), ...service(name).environment };
  for (const [key, value] of Object.entries(given)) {
    if (replace[key] === null) continue;
    env[key] = replace[key] ?? value;
  }
  return env;
}

t.test('idp and consumer as compose runs them: healthy, the consumer suite passes, SIGTERM exits 0', async (t) => {
  const port = await freePort();
  const idpUrl = `http://127.0.0.1:${port}`;
  const keysFile = join(t.testdir(), 'keys.json');
  t.comment('no mongod here: MONGODB_URI=mongodb://mongo:27017/mock_idp replaced by MOCK_IDP_STORE=memory');
  t.comment(`http://idp:4455 → ${idpUrl}; MOCK_IDP_HOST 0.0.0.0 → 127.0.0.1; /data/keys.json → ${keysFile}`);
  const idpEnv = environment('runtime', 'idp', {
    MOCK_IDP_HOST: '127.0.0.1',
    MOCK_IDP_PORT: String(port),
    MOCK_IDP_PUBLIC_URL: idpUrl,
    MOCK_IDP_KEYS_FILE: keysFile,
    MONGODB_URI: null,
  });
  idpEnv.MOCK_IDP_STORE = 'memory';
  t.notMatch(Object.values(idpEnv).join(' '), /\b(idp|mongo):|\/data\//, 'every service name and container path replaced');

  const healthcheck = service('idp').healthcheck!.test.slice(1); // ['CMD', ...command]
  t.not((await run(healthcheck, idpEnv)).code, 0, 'the healthcheck fails while nothing listens');

  const command = service('idp').command!;
  const idp = spawn(process.execPath, command.slice(1), { cwd: root, env: idpEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let idpOutput = '';
  idp.stdout.on('data', (d) => (idpOutput += d));
  idp.stderr.on('data', (d) => (idpOutput += d));
  const exited = once(idp, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  t.teardown(() => void (idp.exitCode === null && idp.kill('SIGKILL')));

  // The healthcheck is a node process: run it once the server says it listens, not in a loop while it starts
  // (on a busy machine that loop started dozens of processes). Watching its output needs no process.
  const deadline = Date.now() + 30_000;
  while (!idpOutput.includes('mock-idp listening on') && idp.exitCode === null && Date.now() < deadline) await sleep(50);
  let healthy = false;
  for (let attempt = 0; !healthy && attempt < 3 && idp.exitCode === null; attempt++) {
    if (attempt > 0) await sleep(500);
    healthy = (await run(healthcheck, idpEnv)).code === 0;
  }
  t.ok(healthy, 'the compose healthcheck passes', { output: idpOutput });
  if (!healthy) return;
  t.ok(existsSync(keysFile), 'MOCK_IDP_KEYS_FILE: keys saved where the volume would be');

  const consumer = await run(service('consumer').command!, environment('consumer', 'consumer', { IDP_URL: idpUrl }));
  t.equal(consumer.code, 0, 'the consumer suite passes', { output: consumer.output });
  t.match(consumer.output, /# pass 4\b/);

  idp.kill('SIGTERM'); // what docker stop sends
  const [code] = await exited;
  t.equal(code, 0, 'SIGTERM: exit 0');
  t.notMatch(idpOutput, /still open after/, 'it stopped on its own, not by the exit grace');
});
