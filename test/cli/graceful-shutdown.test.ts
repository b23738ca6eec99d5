import t from 'tap';
import { startServe } from '../helpers/cli.js';

t.test('SIGTERM: a request in flight finishes (200, the keys), then the process exits 0', async (t) => {
  const server = await startServe(['--port', '0', '--log-level', 'warn']);
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
  const { code, ms } = await stopped;
  t.equal(code, 0, 'then exit 0');
  t.ok(ms < 1000, `within a second (${Math.round(ms)} ms)`);
});
