/**
 * The App Services client API over raw HTTP (as realm-web's `packages/realm-web/src`
 * and https://www.mongodb.com/docs/atlas/app-services/users/sessions/ describe it): the location answer, the error body and its content type, empty bodies
 * on the session endpoints, CORS, and the claim sets of the session tokens.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';
import { assertClientError, bearer, clientApi, defaultAppId, hs256AppId, login, loginPath, raw } from './helpers.js';

const session = `${clientApi}/auth/session`;

t.test('GET …/app/:appId/location', async (t) => {
  const idp = await startTestIdp(t);
  for (const appId of [defaultAppId, hs256AppId]) {
    const res = await raw(idp, 'GET', `${clientApi}/app/${appId}/location`, { headers: { accept: 'application/json' } });
    t.equal(res.status, 200, appId);
    t.equal(res.headers.get('content-type'), 'application/json');
    t.same(res.body, { deployment_model: 'GLOBAL', location: 'US-VA', hostname: idp.url, ws_hostname: idp.url.replace(/^http:/, 'ws:') });
    t.notMatch(res.body.hostname, /\/$/, 'no trailing slash');
    t.match(res.body.ws_hostname, /^ws:\/\//);
  }
  assertClientError(t, await raw(idp, 'GET', `${clientApi}/app/no-such-app-xyz/location`), 404, 'AppNotFound', 'unknown app');
});

t.test('errors: exactly {error, error_code, link}, content-type exactly application/json, never a 500', async (t) => {
  const idp = await startTestIdp(t);
  const token = (await idp.mint({ user: 'alice' })).token;
  const cases: Array<[string, () => ReturnType<typeof raw>, number, string]> = [
    ['unknown app', () => login(idp, token, 'no-such-app-xyz'), 404, 'AppNotFound'],
    ['unknown provider', () => raw(idp, 'POST', loginPath(defaultAppId, 'local-userpass'), { body: { token } }), 404, 'AuthProviderNotFound'],
    ['unknown provider, unknown app', () => raw(idp, 'POST', loginPath('no-such-app-xyz', 'anon-user'), { body: {} }), 404, 'AppNotFound'],
    ['login body not JSON', () => raw(idp, 'POST', loginPath(defaultAppId), { headers: { 'content-type': 'application/json' }, body: '{"token": ' }), 400, 'InvalidParameter'],
    ['login body as text/plain', () => raw(idp, 'POST', loginPath(defaultAppId), { headers: { 'content-type': 'text/plain' }, body: token }), 400, 'InvalidParameter'],
    ['login without a token', () => raw(idp, 'POST', loginPath(defaultAppId), { body: {} }), 401, 'AuthError'],
    ['login with a token that is not a string', () => raw(idp, 'POST', loginPath(defaultAppId), { body: { token: 42 } }), 401, 'AuthError'],
    ['login with a JSON array', () => raw(idp, 'POST', loginPath(defaultAppId), { body: [token] }), 401, 'AuthError'],
    ['login with no body at all', () => raw(idp, 'POST', loginPath(defaultAppId)), 401, 'AuthError'],
    ['token of two segments', () => login(idp, 'abc.def'), 401, 'AuthError'],
    ['token of garbage segments', () => login(idp, 'a.b.c'), 401, 'AuthError'],
    ['profile without Authorization', () => raw(idp, 'GET', `${clientApi}/auth/profile`), 401, 'InvalidSession'],
    ['profile with a garbage bearer', () => raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: bearer('garbage') }), 401, 'InvalidSession'],
    ['profile with Basic auth', () => raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'InvalidSession'],
    ['profile with the custom JWT', () => raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: bearer(token) }), 401, 'InvalidSession'],
    ['refresh without Authorization', () => raw(idp, 'POST', session), 401, 'InvalidSession'],
    ['refresh with a garbage bearer', () => raw(idp, 'POST', session, { headers: bearer('x.y.z') }), 401, 'InvalidSession'],
    ['logout without Authorization', () => raw(idp, 'DELETE', session), 401, 'InvalidSession'],
    ['logout with a garbage bearer', () => raw(idp, 'DELETE', session, { headers: bearer('garbage') }), 401, 'InvalidSession'],
    ['no such route', () => raw(idp, 'GET', `${clientApi}/app/${defaultAppId}/nothing-here`), 404, 'NotFound'],
  ];
  for (const [what, request, status, code] of cases) assertClientError(t, await request(), status, code, what);
});

t.test('the session endpoints take an empty body, with or without a JSON content type', async (t) => {
  const idp = await startTestIdp(t);
  const contentTypes = [undefined, 'application/json', 'application/json;charset=utf-8', 'application/json; charset=utf-8'];
  for (const contentType of contentTypes) {
    const what = contentType ?? 'no content type';
    const { body: tokens } = await login(idp, (await idp.mint({ user: 'alice' })).token);
    const headers = { ...bearer(tokens.refresh_token), accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) };
    // realm-web sends no body at all (Content-Length: 0); with a content type, an empty one. (fetch would label '' text/plain.)
    const body = contentType ? '' : undefined;

    const refreshed = await raw(idp, 'POST', session, { headers, body });
    t.ok(refreshed.status === 200 || refreshed.status === 201, `POST, ${what}: ${refreshed.status}`);
    t.equal(refreshed.headers.get('content-type'), 'application/json', `POST, ${what}: JSON`);
    t.type(refreshed.body?.access_token, 'string', `POST, ${what}: a new access token`);

    const out = await raw(idp, 'DELETE', session, { headers, body });
    t.equal(out.status, 204, `DELETE, ${what}: 204`);
    t.equal(out.text, '', `DELETE, ${what}: no body`);
    t.equal(out.headers.get('content-type'), null, `DELETE, ${what}: no content type`);

    assertClientError(t, await raw(idp, 'POST', session, { headers, body }), 401, 'InvalidSession', `POST after DELETE, ${what}`);
  }
});

t.test('CORS: the preflight is answered, and answers carry allow-origin', async (t) => {
  const idp = await startTestIdp(t);
  const origin = 'http://localhost:5173';
  for (const path of [loginPath(defaultAppId), session, `${clientApi}/auth/profile`, `${clientApi}/app/${defaultAppId}/location`]) {
    const res = await raw(idp, 'OPTIONS', path, {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    t.equal(res.status, 204, `preflight ${path}`);
    t.equal(res.headers.get('access-control-allow-origin'), origin);
    const methods = (res.headers.get('access-control-allow-methods') ?? '').toUpperCase();
    for (const method of ['GET', 'POST', 'DELETE']) t.match(methods, method, `allows ${method}`);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'accept']) t.match(allowed, header, `allows ${header}`);
  }
  const location = await raw(idp, 'GET', `${clientApi}/app/${defaultAppId}/location`, { headers: { origin } });
  t.equal(location.headers.get('access-control-allow-origin'), origin, 'a simple request');
  const error = await raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: { origin } });
  t.equal(error.headers.get('access-control-allow-origin'), origin, 'an error too, so the browser can read it');
});

t.test("the login answer and the session tokens' claim sets", async (t) => {
  const idp = await startTestIdp(t);
  const nowSeconds = Math.floor(idp.clock.now() / 1000);
  const deviceId = '4b01b476e21bbf2f4b49b288';
  const options = { device: { sdkVersion: '2.0.1', platform: 'node', platformVersion: '20.20.2', deviceId: { $oid: deviceId } } };
  const alice = await idp.mint({ user: 'alice' });
  const res = await login(idp, alice.token, defaultAppId, { options });
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'application/json');
  t.same(Object.keys(res.body).sort(), ['access_token', 'device_id', 'refresh_token', 'user_id']);
  const { access_token: accessToken, refresh_token: refreshToken, user_id: userId } = res.body;
  t.match(userId, /^[0-9a-f]{24}$/);
  t.equal(res.body.device_id, deviceId, "the client's device id, echoed");

  for (const token of [accessToken, refreshToken]) t.same(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' }, 'HS256 JWTs');
  const access = decodeJwt(accessToken);
  const refresh = decodeJwt(refreshToken);
  t.equal(access.typ, 'access');
  t.equal(refresh.typ, 'refresh');
  t.equal(access.sub, userId, 'access sub: the user id');
  t.equal(refresh.sub, userId, 'refresh sub: the user id');
  t.match(access.iss, /^[0-9a-f]{24}$/, 'access iss: the session id');
  t.equal(refresh.baas_id, access.iss, 'refresh baas_id: the same session id');
  t.equal(refresh.stitch_id, access.iss);
  for (const [name, claims] of [
    ['access', access],
    ['refresh', refresh],
  ] as const) {
    t.equal(claims.baas_device_id, deviceId, `${name}: baas_device_id`);
    t.equal(claims.stitch_devId, deviceId, `${name}: stitch_devId`);
    t.match(claims.baas_domain_id, /^[0-9a-f]{24}$/, `${name}: baas_domain_id`);
    t.equal(claims.iat, nowSeconds, `${name}: numeric iat, the server's time`);
    t.type(claims.exp, 'number', `${name}: numeric exp`);
  }
  t.equal(access.exp! - access.iat!, 1800, 'access tokens last 30 minutes');
  t.equal(refresh.exp! - refresh.iat!, 60 * 24 * 3600, 'refresh tokens: the session lifetime (60 days by default)');
  t.same(access.user_data, {}, 'user_data: the custom user data, an object');
  const identity = refresh.baas_identity as { id: string; provider_type: string; provider_id: string };
  t.match(identity, { id: alice.payload!.sub, provider_type: 'custom-token', provider_id: /^[0-9a-f]{24}$/ }, 'refresh baas_identity');

  const profile = await raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: bearer(accessToken) });
  t.equal(profile.status, 200);
  t.equal(profile.headers.get('content-type'), 'application/json');
  t.match(profile.body, { user_id: userId, domain_id: access.baas_domain_id, type: 'normal', data: { email: 'alice.strosin9@example.com' } });
  t.same(profile.body.identities, [identity], 'the identity, as in the refresh token');

  const noOptions = await login(idp, (await idp.mint({ user: 'alice' })).token);
  t.match(noOptions.body.device_id, /^[0-9a-f]{24}$/, 'no device id sent (curl): a device id all the same');
  t.not(noOptions.body.device_id, deviceId);

  const refreshed = await raw(idp, 'POST', session, { headers: bearer(refreshToken) });
  const next = decodeJwt(refreshed.body.access_token);
  t.match(next, { typ: 'access', sub: userId, iss: access.iss, baas_device_id: deviceId }, 'a refreshed access token: same session and device');
  t.equal(next.exp! - next.iat!, 1800);
});
