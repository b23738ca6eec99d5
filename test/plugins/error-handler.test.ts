/** The control API's error format: {statusCode, code, error, message}, the right status, never a 500. */
import { STATUS_CODES } from 'node:http';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { errorCodes, MockIdpError } from '../../src/errors.js';
import { createServices } from '../../src/services.js';
import { toErrorBody } from '../../src/plugins/error-handler.js';
import { assertErrorBody } from '../helpers/error-body.js';
import { call, startTestIdp, testKeysFile, type TestIdp } from '../helpers/idp.js';

async function raw(idp: TestIdp, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(idp.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

t.test('transport-level errors of the control API', async (t) => {
  const idp = await startTestIdp(t);
  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, Promise<{ status: number; body: any }>, number, string]> = [
    ['invalid JSON', raw(idp, 'POST', '/_mock/tokens', json, '{"user": '), 400, 'INVALID_JSON'],
    ['prototype poisoning', raw(idp, 'POST', '/_mock/tokens', json, '{"claims": {"__proto__": {"admin": true}}}'), 400, 'INVALID_JSON'],
    ['text/plain', raw(idp, 'POST', '/_mock/tokens', { 'content-type': 'text/plain' }, '{}'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form', raw(idp, 'POST', '/_mock/keys/rotate', { 'content-type': 'application/x-www-form-urlencoded' }, 'pool=x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['over 64 KiB', raw(idp, 'POST', '/_mock/tokens', json, JSON.stringify({ claims: { big: 'x'.repeat(64 * 1024) } })), 413, 'BODY_TOO_LARGE'],
    ['unknown route', raw(idp, 'GET', '/_mock/nothing-here'), 404, 'NOT_FOUND'],
    ['unknown route, POST', raw(idp, 'POST', '/nope', json, '{}'), 404, 'NOT_FOUND'],
    ['wrong method', raw(idp, 'GET', '/_mock/tokens'), 404, 'NOT_FOUND'],
  ];
  for (const [what, response, status, code] of cases) {
    assertErrorBody(t, await response, status, code, what);
  }
});

t.test('bodyLimitBytes from config', async (t) => {
  const idp = await startTestIdp(t, { config: { bodyLimitBytes: 2048 } });
  assertErrorBody(t, await call(idp, 'POST', '/_mock/tokens', { claims: { big: 'x'.repeat(3000) } }), 413, 'BODY_TOO_LARGE');
  t.equal((await call(idp, 'POST', '/_mock/tokens', { claims: { small: 'x'.repeat(1000) } })).status, 200);
});

t.test('never a 500: odd bodies to every control endpoint get a 4xx in the error format', async (t) => {
  const idp = await startTestIdp(t);
  const endpoints = ['/_mock/tokens', '/_mock/verify', '/_mock/keys/rotate', '/_mock/clock', '/_mock/reset', `/_mock/keys/${encodeURIComponent('a/b+c=')}/retire`];
  const bodies = ['null', '[]', '"s"', '1', 'true', '{"a":{"b":[]}}', '{"pool":null}', '{"claims":{"exp":1e400}}', '{"advanceSeconds":1e308}', '\u0000', '{"pool":"\u0000"}'];
  for (const path of endpoints) {
    for (const body of bodies) {
      const res = await raw(idp, 'POST', path, { 'content-type': 'application/json' }, body);
      const what = `${path} ${JSON.stringify(body)}`;
      t.ok(res.status < 500, `${what}: ${res.status}`);
      if (res.status >= 400) assertErrorBody(t, res, res.status, res.body.code, what);
    }
  }
  t.equal((await call(idp, 'GET', '/health')).status, 200, 'still healthy');
});

t.test('toErrorBody: our errors keep their code and details; anything else is INTERNAL without its message', async (t) => {
  t.same(toErrorBody(new MockIdpError('UNKNOWN_USER', 'no user "x"', { pool: 'p' })), {
    statusCode: 404,
    code: 'UNKNOWN_USER',
    error: 'Not Found',
    message: 'no user "x"',
    details: { pool: 'p' },
  });
  t.same(toErrorBody(new TypeError('secret internals')), { statusCode: 500, code: 'INTERNAL', error: 'Internal Server Error', message: 'internal error' });
  t.same(toErrorBody('a string'), { statusCode: 500, code: 'INTERNAL', error: 'Internal Server Error', message: 'internal error' });
  for (const code of Object.keys(errorCodes) as Array<keyof typeof errorCodes>) {
    const body = toErrorBody(new MockIdpError(code, 'm'));
    t.equal(body.statusCode, errorCodes[code].status, code);
    if (body.statusCode < 500) t.not(body.error, 'Internal Server Error', `${code}: a status text of its own`);
  }
});

t.test("bad JSON reaches the error handler as Fastify 5's FST_ERR_CTP_INVALID_JSON_BODY: INVALID_JSON follows from the code, not the message", async (t) => {
  const loaded = await loadConfig({ overrides: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' } } });
  const services = await createServices(loaded);
  const app = buildApp(loaded.config, services, { logger: false });
  const seen: string[] = [];
  app.addHook('onError', async (_request, _reply, error) => void seen.push((error as { code?: string }).code ?? error.message));
  t.teardown(async () => {
    await app.close();
    await services.store.close();
  });
  // Truncated, a stray token (V8's "Unexpected token"), trailing text, a trailing comma, prototype and constructor poisoning.
  const bodies = ['{"user": ', '{user: 1}', '{} x', '{"suppress": ["a",]}', '{"claims": {"__proto__": {"admin": true}}}', '{"claims": {"constructor": {"prototype": {"admin": true}}}}'];
  for (const payload of bodies) {
    const res = await app.inject({ method: 'POST', url: '/_mock/tokens', headers: { 'content-type': 'application/json' }, payload });
    assertErrorBody(t, { status: res.statusCode, body: res.json() }, 400, 'INVALID_JSON', JSON.stringify(payload));
  }
  t.same(
    seen,
    bodies.map(() => 'FST_ERR_CTP_INVALID_JSON_BODY'),
    "every one carries Fastify's code",
  );
  // A 400 whose message merely mentions JSON is a bad request, not bad JSON.
  const mentionsJson = Object.assign(new Error('Unexpected token in JSON at position 1'), { code: 'FST_ERR_SOMETHING_ELSE', statusCode: 400 });
  t.equal(toErrorBody(mentionsJson).code, 'BAD_REQUEST');
});

t.test("status texts are node:http's", async (t) => {
  for (const code of Object.keys(errorCodes) as Array<keyof typeof errorCodes>) {
    const body = toErrorBody(new MockIdpError(code, 'm'));
    t.equal(body.error, STATUS_CODES[body.statusCode], code);
  }
});
