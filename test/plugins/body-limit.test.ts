/**
 * A body over `bodyLimitBytes` is answered 413, in each surface's format, and
 * the client gets to read it: the server reads and discards the rest of the
 * body (up to a bound) instead of closing the connection while the client is
 * still writing, which clients see as EPIPE. Real clients over real sockets.
 */
import { request as httpRequest } from 'node:http';
import t from 'tap';
import { startTestIdp, type TestIdp } from '../helpers/idp.js';

const twoMegabytes = Buffer.alloc(2 * 1024 * 1024, 'a');

/** One request per surface, with what its 413 body says. */
const surfaces: Array<{ name: string; path: string; headers: Record<string, string>; check: (body: any) => boolean }> = [
  { name: 'control API', path: '/_mock/tokens', headers: { 'content-type': 'application/json' }, check: (b) => b.code === 'BODY_TOO_LARGE' && b.statusCode === 413 },
  {
    name: 'Cognito JSON API',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    check: (b) => b.__type === 'InvalidParameterException',
  },
  { name: 'OAuth2', path: '/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, check: (b) => b.error === 'invalid_request' },
  {
    name: 'App Services',
    path: '/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login',
    headers: { 'content-type': 'application/json' },
    check: (b) => b.error_code === 'InvalidParameter',
  },
];

/**
 * POSTs `body` with node:http in 64 KiB pieces, paced; resolves with the answer or the error.
 * Paced, as over a real network: on loopback the kernel's buffers would take 2 MB at once and hide a
 * close. The server runs in this process, so yielding to the event loop between pieces (no timer)
 * lets it read each piece, answer and (were it to) close while the client is still writing.
 */
function postWithNodeHttp(idp: TestIdp, path: string, headers: Record<string, string>, body: Buffer, chunked = false) {
  return new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
    const request = httpRequest(`${idp.url}${path}`, { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () => {
        resolve({ status: response.statusCode!, body: text });
        // The answer is read: stop sending, so no half-sent request holds the connection open.
        request.destroy();
      });
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    let offset = 0;
    const write = () => {
      if (request.destroyed) return;
      if (offset >= body.length) return void request.end();
      const piece = body.subarray(offset, offset + 64 * 1024);
      offset += piece.length;
      if (request.write(piece)) setImmediate(write);
      else request.once('drain', () => setImmediate(write));
    };
    write();
  });
}

/** `body` as a stream of 64 KiB pieces, one per turn of the event loop (undici sends it chunked). */
function paced(body: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

// One server (the default body limit) for the first two tests; the third has its own limit.
const idp = await startTestIdp(t);

t.test('2 MB to every surface: a 413 in its format, read by undici fetch and node:http', async (t) => {
  for (const surface of surfaces) {
    const sending = new AbortController();
    const res = await fetch(`${idp.url}${surface.path}`, { method: 'POST', headers: surface.headers, body: paced(twoMegabytes), duplex: 'half', signal: sending.signal });
    t.equal(res.status, 413, `${surface.name}, fetch: 413`);
    t.ok(surface.check(await res.json()), `${surface.name}, fetch: in the surface's format`);
    sending.abort(); // the answer is read: stop sending

    for (const chunked of [false, true]) {
      const what = `${surface.name}, node:http${chunked ? ', chunked' : ''}`;
      const answer = await postWithNodeHttp(idp, surface.path, surface.headers, twoMegabytes, chunked);
      t.equal(answer.error, undefined, `${what}: no EPIPE or reset`);
      t.equal(answer.status, 413, `${what}: 413`);
      t.ok(answer.body && surface.check(JSON.parse(answer.body)), `${what}: in the surface's format`);
    }
  }
  t.equal((await fetch(`${idp.url}/health`)).status, 200, 'the server is fine');
});

t.test('the connection serves the next request once the refused body is read', async (t) => {
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const sockets = new Set<unknown>();
  const ask = (body: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${idp.url}/_mock/tokens`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, (response) => {
        sockets.add(response.socket);
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      });
      request.on('error', reject);
      request.end(body);
    });
  t.equal(await ask(twoMegabytes), 413);
  t.equal(await ask(Buffer.from('{}')), 200, 'the next request on the kept-alive connection');
  t.equal(sockets.size, 1, 'one connection for both');
});

t.test('a body far over the drain bound: the connection is closed rather than read forever', async (t) => {
  const small = await startTestIdp(t, { config: { bodyLimitBytes: 1024 } });
  // 1 KiB limit: the bound is 4 MiB. 16 MiB are never all read.
  const answer = await postWithNodeHttp(small, '/_mock/tokens', { 'content-type': 'application/json' }, Buffer.alloc(16 * 1024 * 1024, 'a'));
  t.ok(answer.error !== undefined || answer.status === 413, `refused (${answer.error ?? answer.status})`);
  t.equal((await fetch(`${small.url}/health`)).status, 200, 'the server is fine');
});
