/** Regression (found by test/fuzz/control-api.fuzz.test.ts): router errors used to answer in Fastify's own format. */
import t from 'tap';
import { assertErrorBody } from '../helpers/error-body.js';
import { startTestIdp } from '../helpers/idp.js';

const long = 'a'.repeat(150);

t.test("a path parameter over 100 characters or badly percent-encoded gets its surface's format", async (t) => {
  const idp = await startTestIdp(t, { adminToken: 'tok' });
  const get = (url: string, authorization?: string) => idp.app.inject({ url, headers: authorization ? { authorization } : {} });

  let res = await get(`/_mock/app-services/apps/${long}/users`, 'Bearer tok');
  assertErrorBody(t, { status: res.statusCode, body: res.json() }, 400, 'BAD_REQUEST', 'control API, long parameter');
  res = await get(`/_mock/app-services/apps/${long}/users`);
  assertErrorBody(t, { status: res.statusCode, body: res.json() }, 401, 'ADMIN_TOKEN_REQUIRED', 'control API, long parameter, no token');
  t.equal(res.headers['www-authenticate'], 'Bearer realm="mock-idp"');

  res = await get(`/${long}/.well-known/jwks.json`);
  assertErrorBody(t, { status: res.statusCode, body: res.json() }, 400, 'BAD_REQUEST', 'JWKS, long pool id');
  res = await get('/%E0%A4%A/.well-known/jwks.json');
  assertErrorBody(t, { status: res.statusCode, body: res.json() }, 400, 'BAD_REQUEST', 'JWKS, bad percent-encoding');

  res = await get(`/api/client/v2.0/app/${long}/location`);
  t.equal(res.statusCode, 400);
  t.equal(res.headers['content-type'], 'application/json');
  t.match(res.json(), { error: String, error_code: 'InvalidParameter' }, 'App Services, long app id');
});
