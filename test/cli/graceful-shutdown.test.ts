import { spawn } from 'node:child_process';
import { once } from 'node:events';
import t from 'tap';
import { cliArgs, runCli, startServe, testKeysConfig } from '../helpers/cli.js';

t.test('SIGTERM: a request in flight finishes (200, the keys), then the process exits 0', async (t) => {
  const server = await startServe(['--port', '0', '--log-level', 'warn', '--config', await testKeysConfig(t.testdir())]);
  const fault = await fetch(`${server.url}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target: 'jwks', delayMs: 250, count: 1 }),
  });
  t.equal(fault.status, 200);
  const inFlight = fetch(`${server.url}/.well-known/jwks.json`).then(async (r) => ({ status: r.status, body: (await r.json()) as { keys?: unknown[] } }));
  // Wait (by polling the server, not by sleeping) until it holds the request.
  for (;;) {
    const { faults } = (await (await fetch(`${server.url}/_mock/faults`)).json()) as { faults: { injected: number }[] };
    if (!faults.length || faults[0]!.injected) break;
  }
  const stopped = server.stop();
  const answer = await inFlight;
  t.equal(answer.status, 200, `the in-flight request completed: ${JSON.stringify(answer)}`);
  t.equal(answer.body.keys?.length, 2, 'with the key set (the default pool: ID and access keys)');
  t.equal((await stopped).code, 0, 'then exit 0');
  t.notMatch(server.output().stderr, /still open after/, 'by itself: nothing was left open for the exit grace to cut');
});

// Something a library leaves open (here a listening socket, opened before the CLI starts) must not keep a stopped
// server's process alive: after its grace period the CLI exits anyway, with its own exit code, and names what was open.
t.test('a handle left open does not hold the exit: the CLI exits after its grace period and says what was open', async (t) => {
  const leak = `data:text/javascript,${encodeURIComponent("import net from 'node:net'; net.createServer().listen(0, '127.0.0.1');")}`;
  const result = await runCli(['scenarios'], {}, ['--import', leak]);
  t.equal(result.code, 0, 'the command succeeded, and its exit code is kept');
  t.match(result.stdout, /expired/, 'its output is complete');
  // (Under tap, the child may hold tap's own handles too.)
  t.match(result.stderr, /^mock-idp: exiting; still open after 2000 ms: [\w, ]*\bTCPServerWrap\b[\w, ]*\n$/, result.stderr);
});

t.test('output into a closed pipe (mock-idp scenarios | head -1): a quiet exit, no EPIPE stack', async (t) => {
  const child = spawn(process.execPath, [...cliArgs, 'scenarios'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the first line is written
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  t.equal(stderr, '', 'nothing on stderr');
  t.equal(code, 0, 'exit 0');
});
