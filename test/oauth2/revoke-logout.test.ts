import t from 'tap';
import { assertOAuthError, authorizeQuery, backendId, basic, callback, codeFor, cookieOf, get, postForm, signInThrough, spaId, startOAuthIdp } from '../helpers/oauth2.js';

t.test('POST /oauth2/revoke', async (t) => {
  const idp = await startOAuthIdp(t);
  const url = `${idp.url}/oauth2/revoke`;
  const code = await codeFor(t, idp, spaId);
  const tokens = (await (await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback })).json()) as Record<string, string>;
  const refresh = tokens.refresh_token!;

  await assertOAuthError(t, await postForm(url, { client_id: spaId }), 400, 'invalid_request');
  await assertOAuthError(t, await postForm(url, { client_id: spaId, token: tokens.access_token! }), 400, 'unsupported_token_type');
  await assertOAuthError(t, await postForm(url, { token: refresh }, basic(backendId, 'wrong')), 401, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { token: refresh }), 401, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { token: refresh }, basic(backendId, idp.fixtures.backendSecret)), 400, 'invalid_grant');

  const unknown = await postForm(url, { client_id: spaId, token: 'a.b.c.d.e' });
  t.equal(unknown.status, 200, 'an unknown token is fine');
  const ok = await postForm(url, { client_id: spaId, token: refresh });
  t.equal(ok.status, 200);
  t.equal(await ok.text(), '', 'empty body');
  t.equal((await postForm(url, { client_id: spaId, token: refresh })).status, 200, 'and again');

  const refreshed = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'refresh_token', client_id: spaId, refresh_token: refresh });
  await assertOAuthError(t, refreshed, 400, 'invalid_grant');
  const info = await fetch(`${idp.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  t.equal(info.status, 401, 'the access token is revoked with it');
});

t.test('GET /logout: clears the session, then to logout_uri or back to /login', async (t) => {
  const idp = await startOAuthIdp(t);
  const query = authorizeQuery(spaId);
  const { cookie } = await signInThrough(t, idp, query, { pick: 'alice' });
  const [name] = cookie.split('=');

  const out = await get(`${idp.url}/logout?${new URLSearchParams({ client_id: spaId, logout_uri: 'http://localhost:3000/' })}`, { cookie });
  t.equal(out.status, 302);
  t.equal(out.headers.get('location'), 'http://localhost:3000/');
  t.match(out.headers.get('set-cookie'), new RegExp(`^${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`));
  const after = await get(`${idp.url}/oauth2/authorize?${query}`, { cookie });
  t.equal(after.headers.get('location'), `${idp.url}/login?${query}`, 'the old cookie no longer signs in');

  const again = await signInThrough(t, idp, query, { pick: 'bob' });
  const relogin = new URLSearchParams({ client_id: spaId, redirect_uri: callback, response_type: 'code', state: 'z' }).toString();
  const toLogin = await get(`${idp.url}/logout?${relogin}`, { cookie: again.cookie });
  t.equal(toLogin.status, 302);
  t.equal(toLogin.headers.get('location'), `${idp.url}/login?${relogin}`);
  t.match(cookieOf(toLogin), `${name}=`);
  t.match(toLogin.headers.get('set-cookie'), 'Max-Age=0');

  const bad: Array<[string, Record<string, string>, string]> = [
    ['unregistered logout_uri', { client_id: spaId, logout_uri: 'https://evil.example/' }, 'redirect_mismatch'],
    ['unregistered redirect_uri', { client_id: spaId, redirect_uri: 'https://evil.example/', response_type: 'code' }, 'redirect_mismatch'],
    ['unknown client', { client_id: 'nope', logout_uri: 'http://localhost:3000/' }, 'invalid_request'],
    ['nothing to go to', { client_id: spaId }, 'invalid_request'],
  ];
  for (const [what, params, code] of bad) {
    const res = await get(`${idp.url}/logout?${new URLSearchParams(params)}`);
    t.equal(res.status, 400, `${what}: 400`);
    t.equal(res.headers.get('location'), null);
    t.match(await res.text(), `data-code="${code}"`, `${what}: ${code}`);
  }
});
