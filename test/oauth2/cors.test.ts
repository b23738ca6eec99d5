/**
 * CORS at the OAuth2 endpoints, as a browser sees it but with fetch: the
 * preflight of /oauth2/token, /oauth2/userInfo and /oauth2/revoke, and
 * `Access-Control-Allow-Origin` on their answers, errors included. The pages
 * (/oauth2/authorize, /login, /logout) and /_mock get none; discovery and the
 * JWKS allow any origin. test/oauth2/browser-spa.test.ts runs a real SPA.
 */
import t, { type Test } from 'tap';
import { allowedHeaders } from '../../src/routes/oauth2/cors.js';
import { assertOAuthError, backendId, basic, callback, codeFor, spaId, startOAuthIdp } from '../helpers/oauth2.js';

const origin = 'http://127.0.0.1:5173';

function preflight(url: string, method: string, headers: string, from = origin) {
  return fetch(url, { method: 'OPTIONS', headers: { origin: from, 'access-control-request-method': method, 'access-control-request-headers': headers } });
}

function post(url: string, body: URLSearchParams | string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { origin, ...headers }, body });
}

function assertAllowed(t: Test, res: Response, from = origin) {
  t.equal(res.headers.get('access-control-allow-origin'), from, `${res.url}: the origin is allowed`);
  t.equal(res.headers.get('vary'), 'Origin', 'caches keep origins apart');
  t.equal(res.headers.get('access-control-allow-credentials'), null, 'no credentials mode');
}

t.test('preflights: the methods, and the headers browsers and Amplify send', async (t) => {
  const idp = await startOAuthIdp(t);
  for (const [path, method, methods] of [
    ['/oauth2/token', 'POST', 'POST, OPTIONS'],
    ['/oauth2/userInfo', 'GET', 'GET, POST, OPTIONS'],
    ['/oauth2/revoke', 'POST', 'POST, OPTIONS'],
  ] as const) {
    const res = await preflight(idp.url + path, method, 'authorization,content-type,x-amz-user-agent');
    t.equal(res.status, 204, `${path}: preflight answered`);
    assertAllowed(t, res);
    t.equal(res.headers.get('access-control-allow-methods'), methods, `${path}: methods`);
    t.equal(res.headers.get('access-control-allow-headers'), 'authorization, content-type, x-amz-user-agent', `${path}: headers`);
    t.equal(res.headers.get('access-control-max-age'), '600');
    t.equal(await res.text(), '');
  }
  const asked = await preflight(`${idp.url}/oauth2/token`, 'POST', 'X-Requested-With, DPoP, x-custom, cache-control');
  t.equal(asked.headers.get('access-control-allow-headers'), 'authorization, content-type, x-amz-user-agent, x-requested-with, cache-control', 'safe ones asked for are added, others left out');
  t.same(allowedHeaders(undefined), ['authorization', 'content-type', 'x-amz-user-agent'], 'without a list: the three');
  t.same(allowedHeaders(' Authorization ,authorization,, ACCEPT'), ['authorization', 'content-type', 'x-amz-user-agent', 'accept'], 'trimmed, lowercase, once each');
});

t.test('successful answers carry the origin: code exchange, userInfo (GET and POST), refresh, revoke', async (t) => {
  const idp = await startOAuthIdp(t);
  const code = await codeFor(t, idp, spaId);
  const token = await post(`${idp.url}/oauth2/token`, new URLSearchParams({ grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback }));
  t.equal(token.status, 200);
  assertAllowed(t, token);
  const tokens = (await token.json()) as { access_token: string; refresh_token: string };

  for (const method of ['GET', 'POST']) {
    const info = await fetch(`${idp.url}/oauth2/userInfo`, { method, headers: { origin, authorization: `Bearer ${tokens.access_token}` } });
    t.equal(info.status, 200, `userInfo ${method}`);
    assertAllowed(t, info);
    t.equal(info.headers.get('access-control-expose-headers'), 'WWW-Authenticate');
  }

  const refreshed = await post(`${idp.url}/oauth2/token`, new URLSearchParams({ grant_type: 'refresh_token', client_id: spaId, refresh_token: tokens.refresh_token }));
  t.equal(refreshed.status, 200);
  assertAllowed(t, refreshed);

  const revoked = await post(`${idp.url}/oauth2/revoke`, new URLSearchParams({ client_id: spaId, token: tokens.refresh_token }));
  t.equal(revoked.status, 200);
  assertAllowed(t, revoked);
});

t.test('errors carry the origin too, in the OAuth2 error format', async (t) => {
  const idp = await startOAuthIdp(t);
  const token = `${idp.url}/oauth2/token`;
  const cases: Array<[string, Promise<Response>, number, string]> = [
    ['unknown code', post(token, new URLSearchParams({ grant_type: 'authorization_code', client_id: spaId, code: 'nope', redirect_uri: callback })), 400, 'invalid_grant'],
    ['unknown grant', post(token, new URLSearchParams({ grant_type: 'password', client_id: spaId })), 400, 'unsupported_grant_type'],
    ['a JSON body', post(token, '{}', { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ['a text body (a parser error)', post(token, 'x', { 'content-type': 'text/plain' }), 400, 'invalid_request'],
    ['wrong secret', post(token, new URLSearchParams({ grant_type: 'client_credentials' }), basic(backendId, 'wrong')), 400, 'invalid_client'],
    ['revoke, unknown client', post(`${idp.url}/oauth2/revoke`, new URLSearchParams({ client_id: 'unknown', token: 'x' })), 401, 'invalid_client'],
    ['revoke, a JWT', post(`${idp.url}/oauth2/revoke`, new URLSearchParams({ client_id: spaId, token: 'a.b.c' })), 400, 'unsupported_token_type'],
    ['userInfo without a token', fetch(`${idp.url}/oauth2/userInfo`, { headers: { origin } }), 400, 'invalid_request'],
    ['userInfo, a bad token', fetch(`${idp.url}/oauth2/userInfo`, { headers: { origin, authorization: 'Bearer x.y.z' } }), 401, 'invalid_token'],
  ];
  for (const [what, request, status, code] of cases) {
    const res = await request;
    t.test(what, async (t) => {
      assertAllowed(t, res);
      await assertOAuthError(t, res, status, code);
    });
  }
  const info = await fetch(`${idp.url}/oauth2/userInfo`, { headers: { origin, authorization: 'Bearer x.y.z' } });
  t.match(info.headers.get('www-authenticate'), /^error="invalid_token"/, 'the reason, exposed to the page');
  t.equal(info.headers.get('access-control-expose-headers'), 'WWW-Authenticate');
});

t.test('Origin: null is echoed; no Origin (not a browser) gets *; a malformed one gets *', async (t) => {
  const idp = await startOAuthIdp(t);
  const nullOrigin = await preflight(`${idp.url}/oauth2/token`, 'POST', 'content-type', 'null');
  t.equal(nullOrigin.headers.get('access-control-allow-origin'), 'null');
  const none = await fetch(`${idp.url}/oauth2/userInfo`);
  t.equal(none.headers.get('access-control-allow-origin'), '*');
  const odd = await fetch(`${idp.url}/oauth2/userInfo`, { headers: { origin: 'http://a.test/path' } });
  t.equal(odd.headers.get('access-control-allow-origin'), '*');
});

t.test('no CORS on the navigations, nor on /_mock; discovery and the JWKS allow any origin', async (t) => {
  const idp = await startOAuthIdp(t);
  for (const path of ['/oauth2/authorize', '/login', '/logout', '/_mock/pools', '/_mock/reset']) {
    const res = await preflight(idp.url + path, 'POST', 'content-type');
    t.equal(res.status, 404, `OPTIONS ${path}: no preflight answer`);
    t.equal(res.headers.get('access-control-allow-origin'), null, `OPTIONS ${path}: no CORS grant`);
  }
  for (const path of ['/oauth2/authorize', '/login', '/logout', '/_mock/pools']) {
    const res = await fetch(idp.url + path, { headers: { origin }, redirect: 'manual' });
    t.equal(res.headers.get('access-control-allow-origin'), null, `GET ${path}: no CORS grant`);
  }
  for (const path of ['/us-east-1_LocalPool/.well-known/openid-configuration', '/us-east-1_LocalPool/.well-known/jwks.json', '/.well-known/openid-configuration', '/.well-known/jwks.json']) {
    const res = await fetch(idp.url + path, { headers: { origin } });
    t.equal(res.status, 200);
    t.equal(res.headers.get('access-control-allow-origin'), '*', `${path}: any origin (a simple GET, no preflight)`);
  }
});
