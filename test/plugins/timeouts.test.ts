/**
 * The server's own timers against stuck clients: connections that send headers
 * and part of a body, then nothing, are closed once the configured request
 * timeout passes (1 s here: a configured behaviour, so no duration is
 * asserted), while /health keeps answering; past `maxConnections`, new
 * connections are refused, and the server recovers once the stuck ones go.
 */
import { connect, type Socket } from 'node:net';
import t from 'tap';
import { startTestIdp, type TestIdp } from '../helpers/idp.js';

interface Stuck {
  socket: Socket;
  closed: Promise<string>;
}

/** A connection that sends `what` and then nothing; `closed` resolves with what the server sent before closing it. */
function stuckConnection(idp: TestIdp, what: string): Stuck {
  const { hostname, port } = new URL(idp.url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => (received += text));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  socket.on('connect', () => socket.write(what));
  return { socket, closed };
}

const partialBody = (host: string) => `POST /_mock/tokens HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user":`;
const partialHeaders = (host: string) => `GET /health HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `;

async function connections(idp: TestIdp): Promise<number> {
  return new Promise((resolve, reject) => idp.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

async function untilConnections(idp: TestIdp, count: number): Promise<void> {
  while ((await connections(idp)) < count) await new Promise((resolve) => setImmediate(resolve));
}

t.test('200 connections stuck mid-body, and one that sends nothing, are closed after the request timeout; /health answers meanwhile', async (t) => {
  const idp = await startTestIdp(t, { config: { requestTimeoutSeconds: 1, headersTimeoutSeconds: 1 } });
  const host = new URL(idp.url).host;
  const stuck = Array.from({ length: 200 }, (_, i) => stuckConnection(idp, i % 4 === 3 ? partialHeaders(host) : partialBody(host)));
  // A connection that sends nothing at all, in the same wait.
  const silent = stuckConnection(idp, '');
  await untilConnections(idp, 201);

  const health = await fetch(`${idp.url}/health`, { headers: { connection: 'close' } });
  t.equal(health.status, 200, '/health answers while 200 connections are stuck');

  const answers = await Promise.all(stuck.map((s) => s.closed));
  t.equal(answers.length, 200, 'every stuck connection was closed by the server');
  t.ok(
    answers.every((text) => text === '' || text.startsWith('HTTP/1.1 408')),
    'with a 408 at most',
  );
  t.ok(stuck.every((s) => s.socket.destroyed));
  t.match(await silent.closed, /^(|HTTP\/1\.1 408 [^]*)$/, 'the silent connection is closed too, with a 408 at most');
  t.equal((await fetch(`${idp.url}/health`)).status, 200, 'and /health still answers');
});

t.test('past maxConnections new connections are refused; /health recovers once the stuck ones are closed', async (t) => {
  const idp = await startTestIdp(t, { config: { maxConnections: 20, requestTimeoutSeconds: 1, headersTimeoutSeconds: 1 } });
  const host = new URL(idp.url).host;
  const stuck = Array.from({ length: 20 }, () => stuckConnection(idp, partialBody(host)));
  await untilConnections(idp, 20);

  let dropped = 0;
  idp.app.server.on('drop', () => dropped++);
  const refused = stuckConnection(idp, `GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  t.equal(await refused.closed, '', 'a connection past the cap is closed without an answer');
  t.equal(dropped, 1, 'Node counted it as dropped');

  await Promise.all(stuck.map((s) => s.closed));
  const health = await fetch(`${idp.url}/health`);
  t.equal(health.status, 200, '/health answers once the stuck connections are gone');
});

t.test('the limits come from config, the environment and their defaults', async (t) => {
  const { loadConfig } = await import('../../src/config/load-config.js');
  const { config } = await loadConfig();
  t.match(config, { requestTimeoutSeconds: 30, headersTimeoutSeconds: 10, maxConnections: 256 }, 'defaults: seconds, not minutes');
  const fromEnv = await loadConfig({ env: { MOCK_IDP_REQUEST_TIMEOUT_SECONDS: '5', MOCK_IDP_HEADERS_TIMEOUT_SECONDS: '2.5', MOCK_IDP_MAX_CONNECTIONS: '50' } });
  t.match(fromEnv.config, { requestTimeoutSeconds: 5, headersTimeoutSeconds: 2.5, maxConnections: 50 });
  await t.rejects(loadConfig({ overrides: { maxConnections: 0 } }), { code: 'INVALID_CONFIG' });
  await t.rejects(loadConfig({ overrides: { requestTimeoutSeconds: 0 } }), { code: 'INVALID_CONFIG' });
  await t.rejects(loadConfig({ env: { MOCK_IDP_MAX_CONNECTIONS: 'many' } }), { code: 'INVALID_CONFIG' });
  // Node refuses a headers timeout over the request timeout: the server takes the smaller.
  const idp = await startTestIdp(t, { config: { requestTimeoutSeconds: 2, headersTimeoutSeconds: 10 } });
  t.equal(idp.app.server.headersTimeout, 2000);
  t.equal(idp.app.server.requestTimeout, 2000);
  t.equal(idp.app.server.maxConnections, 256);
});
