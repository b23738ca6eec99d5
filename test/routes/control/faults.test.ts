import { once } from 'node:events';
import { get } from 'node:http';
import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { startMockIdp, type InternalMockIdp } from '../../../src/internal.js';
import { call, startTestIdp, testKeysFile } from '../../helpers/idp.js';
import { assertErrorBody } from '../../helpers/error-body.js';

const root = '/.well-known/jwks.json';
const local = '/us-east-1_LocalPool/.well-known/jwks.json';
const teams = '/eu-west-1_TeamsPool/.well-known/jwks.json';
const gateway503 = { message: 'Service Unavailable' };

/** A fault answer: the status and body asked for, never cacheable. */
function assertFaulty(t: Test, res: Awaited<ReturnType<typeof call>>, status: number, body: unknown, what: string) {
  t.equal(res.status, status, `${what}: status`);
  t.same(res.body, body, `${what}: body`);
  t.match(res.headers.get('content-type'), /^application\/json/, `${what}: JSON`);
  t.equal(res.headers.get('cache-control'), 'no-store', `${what}: no-store`);
  t.equal(res.headers.get('etag'), null, `${what}: no ETag`);
}

/** A logger stream that keeps the parsed log lines. */
function logLines() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      );
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}

/**
 * The delay, shown by behaviour rather than by a stopwatch: a client that gives up after 20 ms gets no answer
 * (the server's 150-ms timer and the client's 20-ms one share this process's event loop, so the client's fires
 * first however loaded the machine is); `answer()` then waits for it.
 */
async function heldBack(t: Test, idp: { url: string }, path: string): Promise<void> {
  const aborted = await fetch(idp.url + path, { signal: AbortSignal.timeout(20) }).then(
    () => false,
    (error: Error) => error.name === 'TimeoutError',
  );
  t.ok(aborted, `${path}: no answer before the delay`);
}

t.test("status: every pool's JWKS and the root one answer it; discovery does not", async (t) => {
  const idp = await startTestIdp(t);
  const set = await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  t.equal(set.status, 200);
  t.same(set.body, { target: 'jwks', status: 503, delayMs: 0, body: null, count: null, remaining: null, injected: 0 }, 'the fault as stored');
  for (const path of [root, local, teams]) assertFaulty(t, await call(idp, 'GET', path), 503, gateway503, path);
  t.equal((await fetch(idp.url + root)).headers.get('access-control-allow-origin'), '*', 'browsers can read the failure');
  for (const path of ['/.well-known/openid-configuration', '/eu-west-1_TeamsPool/.well-known/openid-configuration']) {
    const discovery = await call(idp, 'GET', path);
    t.equal(discovery.status, 200, `${path} is not affected`);
    t.match(discovery.body, { jwks_uri: String });
  }
  t.equal((await call(idp, 'GET', '/health')).status, 200, 'health is not affected');

  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 429 });
  assertFaulty(t, await call(idp, 'GET', root), 429, { message: 'Too Many Requests' }, '429');
});

t.test('body "malformed": 200 with the key set cut off', async (t) => {
  const idp = await startTestIdp(t);
  const real = await (await fetch(idp.url + local)).text();
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', body: 'malformed' });
  const res = await fetch(idp.url + local);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /^application\/json/);
  t.equal(res.headers.get('cache-control'), 'no-store');
  t.equal(res.headers.get('etag'), null);
  const text = await res.text();
  t.ok(real.startsWith(text) && text.length < real.length, 'a truncated copy of the real key set');
  t.throws(() => JSON.parse(text), SyntaxError, 'not JSON');
});

t.test('body "empty": 200 {"keys": []}', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', body: 'empty' });
  for (const path of [root, teams]) assertFaulty(t, await call(idp, 'GET', path), 200, { keys: [] }, path);
});

t.test('delayMs: waits, then answers the real keys, a status or a faulty body', async (t) => {
  const idp = await startTestIdp(t);
  const keys = (await call(idp, 'GET', root)).body;

  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 150 });
  await heldBack(t, idp, root);
  const slow = await call(idp, 'GET', root);
  assertFaulty(t, slow, 200, keys, 'delay alone: the real keys, uncacheable');

  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 150, status: 504 });
  await heldBack(t, idp, teams);
  const failed = await call(idp, 'GET', teams);
  assertFaulty(t, failed, 504, { message: 'Gateway Timeout' }, 'delay then status');

  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 150, body: 'empty' });
  await heldBack(t, idp, local);
  const empty = await call(idp, 'GET', local);
  assertFaulty(t, empty, 200, { keys: [] }, 'delay then body');

  const before = idp.services.faults.list()[0]?.injected;
  const control = await call(idp, 'GET', '/_mock/faults');
  t.equal(control.status, 200);
  t.equal(idp.services.faults.list()[0]?.injected, before, 'the control API is not delayed: the fault was not applied to it');
});

t.test('count: the next N requests, across pools; then normal again', async (t) => {
  const idp = await startTestIdp(t);
  const set = await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 500, count: 2 });
  t.match(set.body, { count: 2, remaining: 2, injected: 0 });
  assertFaulty(t, await call(idp, 'GET', root), 500, { message: 'Internal Server Error' }, 'first');
  t.match((await call(idp, 'GET', '/_mock/faults')).body, { faults: [{ target: 'jwks', count: 2, remaining: 1, injected: 1 }] });
  assertFaulty(t, await call(idp, 'GET', teams), 500, { message: 'Internal Server Error' }, 'second, another pool');
  t.same((await call(idp, 'GET', '/_mock/faults')).body, { faults: [] }, 'used up');
  const normal = await call(idp, 'GET', root);
  t.equal(normal.status, 200);
  t.equal(normal.body.keys.length, 2);
  t.match(normal.headers.get('cache-control'), /^public, max-age=/);
  t.ok(normal.headers.get('etag'));
});

t.test('without count: until cleared; DELETE /_mock/faults clears', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  for (let i = 0; i < 5; i++) t.equal((await call(idp, 'GET', root)).status, 503);
  t.match((await call(idp, 'GET', '/_mock/faults')).body, { faults: [{ remaining: null, injected: 5 }] });

  const cleared = await call(idp, 'DELETE', '/_mock/faults');
  t.equal(cleared.status, 200);
  t.same(cleared.body, { faults: [] }, 'the faults left: none');
  t.equal((await call(idp, 'GET', root)).status, 200);
  t.same((await call(idp, 'DELETE', '/_mock/faults')).body, { faults: [] }, 'clearing nothing is fine');
});

t.test('DELETE /_mock/faults?target=jwks clears that target', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', body: 'empty' });
  const cleared = await call(idp, 'DELETE', '/_mock/faults?target=jwks');
  t.equal(cleared.status, 200);
  t.same(cleared.body, { faults: [] });
  t.equal((await call(idp, 'GET', root)).body.keys.length, 2);
});

t.test('a new fault replaces the previous one for its target', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503, count: 5 });
  await call(idp, 'GET', root);
  const replaced = await call(idp, 'POST', '/_mock/faults', { target: 'jwks', body: 'empty' });
  t.same(replaced.body, { target: 'jwks', status: null, delayMs: 0, body: 'empty', count: null, remaining: null, injected: 0 });
  t.same((await call(idp, 'GET', '/_mock/faults')).body, { faults: [replaced.body] }, 'one fault per target');
  assertFaulty(t, await call(idp, 'GET', root), 200, { keys: [] }, 'the new fault applies');
});

t.test('no ETag and no 304 while a fault is active', async (t) => {
  const idp = await startTestIdp(t);
  const etag = (await fetch(idp.url + root)).headers.get('etag')!;
  for (const fault of [{ delayMs: 0 }, { body: 'empty' }, { status: 503 }]) {
    await call(idp, 'POST', '/_mock/faults', { target: 'jwks', ...fault });
    const res = await fetch(idp.url + root, { headers: { 'if-none-match': etag } });
    t.not(res.status, 304, `${JSON.stringify(fault)}: not a 304`);
    t.equal(res.headers.get('etag'), null, `${JSON.stringify(fault)}: no ETag`);
    t.equal(res.headers.get('cache-control'), 'no-store');
    t.not(await res.text(), '', 'a body');
  }
  await call(idp, 'DELETE', '/_mock/faults');
  t.equal((await fetch(idp.url + root, { headers: { 'if-none-match': etag } })).status, 304, 'cleared: 304 again');
});

t.test('an unknown pool is still a 404 and does not use up the fault', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503, count: 1 });
  assertErrorBody(t, await call(idp, 'GET', '/us-east-1_Nope/.well-known/jwks.json'), 404, 'UNKNOWN_POOL');
  t.match((await call(idp, 'GET', '/_mock/faults')).body, { faults: [{ remaining: 1 }] });
});

t.test('bad input: 400 BAD_REQUEST, and no fault set', async (t) => {
  const idp = await startTestIdp(t);
  const bodies: unknown[] = [
    {},
    { status: 503 },
    { target: 'oauth2', status: 503 },
    { target: 'JWKS', status: 503 },
    { target: 'jwks' },
    { target: 'jwks', count: 2 },
    { target: 'jwks', body: 'truncated' },
    { target: 'jwks', body: null },
    { target: 'jwks', status: 503, body: 'empty' },
    { target: 'jwks', status: 200 },
    { target: 'jwks', status: 600 },
    { target: 'jwks', status: '503' },
    { target: 'jwks', delayMs: -1 },
    { target: 'jwks', delayMs: 60_001 },
    { target: 'jwks', delayMs: 1.5 },
    { target: 'jwks', status: 503, count: 0 },
    { target: 'jwks', status: 503, count: 'twice' },
    { target: 'jwks', status: 503, pool: 'us-east-1_LocalPool' },
    [{ target: 'jwks', status: 503 }],
  ];
  for (const body of bodies) {
    assertErrorBody(t, await call(idp, 'POST', '/_mock/faults', body), 400, 'BAD_REQUEST', JSON.stringify(body));
  }
  const empty = await call(idp, 'POST', '/_mock/faults', { target: 'jwks' });
  t.match(empty.body.message, /status.*delayMs.*body/, 'the message names the fields to give');
  assertErrorBody(t, await call(idp, 'DELETE', '/_mock/faults?target=oauth2'), 400, 'BAD_REQUEST', 'DELETE unknown target');
  assertErrorBody(t, await call(idp, 'DELETE', '/_mock/faults?pool=x'), 400, 'BAD_REQUEST', 'DELETE unknown parameter');
  t.same((await call(idp, 'GET', '/_mock/faults')).body, { faults: [] });
  t.equal((await call(idp, 'GET', root)).status, 200);
});

t.test('each faulty response logs one line at info level', async (t) => {
  const { lines, logger } = logLines();
  const idp = await startTestIdp(t, { logger });
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', body: 'malformed', count: 2 });
  await call(idp, 'GET', root);
  await call(idp, 'GET', teams);
  await call(idp, 'GET', root);
  const injected = lines.filter((l) => l.fault && l.url);
  t.equal(injected.length, 2, 'one line per faulty response, none for the normal one');
  t.same(
    injected.map((l) => [l.level, l.url, l.fault.body, l.fault.remaining]),
    [
      [30, root, 'malformed', 1],
      [30, teams, 'malformed', 0],
    ],
  );
});

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 2_000) {
  const until = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const injectedOnce = (idp: Pick<InternalMockIdp, 'services'>) => () => idp.services.faults.list()[0]?.injected === 1;

t.test('a long delay does not hold up closing the server: the request gets a 503', async (t) => {
  const idp = await startMockIdp({ config: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' } } });
  idp.services.faults.set({ target: 'jwks', delayMs: 30_000 });
  const pending = call(idp, 'GET', root);
  await waitFor('the request to arrive', injectedOnce(idp));
  await idp.close();
  assertFaulty(t, await pending, 503, gateway503, 'the delayed request is cut short by the close, not held for its 30 s');
});

t.test('a client that gives up ends the delay', async (t) => {
  const { lines, logger } = logLines();
  const idp = await startTestIdp(t, { logger });
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', delayMs: 30_000, status: 503 });
  // node:http, not fetch: an aborted fetch leaves undici opening a spare connection that holds up close for 4 s.
  const request = get(idp.url + root, { agent: false });
  const failed = once(request, 'error');
  await waitFor('the request to arrive', injectedOnce(idp));
  request.destroy();
  await failed;
  await waitFor('the fault to be logged', () => lines.some((l) => l.delayCutShort === 'client disconnected'));
  t.pass('the server stopped waiting');
  t.equal((await call(idp, 'GET', '/health')).status, 200);
});
