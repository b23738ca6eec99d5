import t from 'tap';
import { callback, codeFor, postForm, spaId, startOAuthIdp } from '../helpers/oauth2.js';

const badToken = 'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."';

t.test('userInfo: sub, the attributes the scopes allow (strings), username; GET and POST', async (t) => {
  const idp = await startOAuthIdp(t);
  const userInfo = async (scope: string, method = 'GET') => {
    const { token } = await idp.mint({ user: 'alice', client: spaId, tokenUse: 'access', scope });
    const res = await fetch(`${idp.url}/oauth2/userInfo`, { method, headers: { authorization: `Bearer ${token}` } });
    t.equal(res.status, 200, `${scope}: 200`);
    t.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8');
    return (await res.json()) as Record<string, string>;
  };
  const everything = await userInfo('openid');
  const keys = Object.keys(everything);
  t.equal(keys[0], 'sub');
  t.equal(keys.at(-1), 'username');
  t.match(everything, { sub: idp.fixtures.subs.alice, email_verified: 'true', phone_number_verified: 'false', 'custom:tenant': 'hooli', username: 'alice' });
  t.same(Object.keys(await userInfo('openid profile', 'POST')), keys, 'profile: every attribute; POST works too');
  t.same(Object.keys(await userInfo('openid email')), ['sub', 'email', 'email_verified', 'username'], 'email alone');
  t.same(Object.keys(await userInfo('openid email phone')), ['sub', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'username']);
});

t.test('userInfo errors: 400 without a token, 401 for an expired, revoked or non-openid token', async (t) => {
  const idp = await startOAuthIdp(t);
  const url = `${idp.url}/oauth2/userInfo`;
  for (const authorization of [undefined, 'Basic abc', 'Bearer']) {
    const res = await fetch(url, { headers: authorization ? { authorization } : {} });
    t.equal(res.status, 400, `${authorization ?? 'no header'}: 400`);
    t.equal(res.headers.get('www-authenticate'), 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"');
    t.equal(((await res.json()) as { error: string }).error, 'invalid_request');
  }
  const bearer = (token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const garbage = await bearer('not-a-jwt');
  t.equal(garbage.status, 401);
  t.equal(garbage.headers.get('www-authenticate'), badToken);

  const api = await idp.mint({ user: 'alice', tokenUse: 'access' });
  const noOpenid = await bearer(api.token);
  t.equal(noOpenid.status, 401, 'an API token (aws.cognito.signin.user.admin only) is refused');
  t.match(noOpenid.headers.get('www-authenticate'), /^error="invalid_token", /);
  const machine = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'client_credentials', client_id: '74tsdvbgrc3esbuvkbj4ft5dam', client_secret: idp.fixtures.backendSecret });
  t.equal((await bearer(((await machine.json()) as { access_token: string }).access_token)).status, 401, 'so is a client_credentials token');

  const code = await codeFor(t, idp, spaId);
  const tokens = (await (await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback })).json()) as Record<string, string>;
  t.equal((await bearer(tokens.access_token!)).status, 200);
  idp.baseClock.advanceBy(3610_000); // past exp and the 5 s leeway of the server's own check
  const expired = await bearer(tokens.access_token!);
  t.equal(expired.status, 401, 'expired after an hour');
  t.equal(expired.headers.get('www-authenticate'), badToken);
  t.equal(((await expired.json()) as { error: string }).error, 'invalid_token');
});
