import t from 'tap';
import { authorizeQuery, backendId, callback, cookieOf, get, postLogin, signInThrough, spaId, startOAuthIdp } from '../helpers/oauth2.js';

t.test('before the redirect_uri is trusted, errors are a 400 page', async (t) => {
  const idp = await startOAuthIdp(t);
  const cases: Array<[string, string, string]> = [
    ['no client_id', new URLSearchParams({ response_type: 'code', redirect_uri: callback }).toString(), 'invalid_request'],
    ['unknown client', authorizeQuery('7notaclient00000000000000a'), 'invalid_client'],
    ['unregistered redirect_uri', authorizeQuery(spaId, { redirect_uri: 'https://evil.example/callback' }), 'redirect_mismatch'],
    ['a trailing slash too many', authorizeQuery(spaId, { redirect_uri: `${callback}/` }), 'redirect_mismatch'],
    ['no redirect_uri', new URLSearchParams({ response_type: 'code', client_id: spaId }).toString(), 'redirect_mismatch'],
  ];
  for (const [what, query, code] of cases) {
    const res = await get(`${idp.url}/oauth2/authorize?${query}`);
    t.equal(res.status, 400, `${what}: 400`);
    t.equal(res.headers.get('location'), null, `${what}: no redirect`);
    t.match(res.headers.get('content-type'), /^text\/html/);
    t.match(await res.text(), `data-code="${code}"`, `${what}: ${code}`);
  }
});

t.test('after it, errors go back to the client with error, error_description and state', async (t) => {
  const idp = await startOAuthIdp(t);
  const cases: Array<[string, Record<string, string | null>, string]> = [
    ['no response_type', { response_type: null }, 'invalid_request'],
    ['response_type id_token', { response_type: 'id_token' }, 'unsupported_response_type'],
    ['email without openid', { scope: 'email' }, 'invalid_scope'],
    ['only scopes the client lacks', { scope: 'phone', client_id: backendId }, 'invalid_scope'],
    ['PKCE plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
    ['a challenge without its method', { code_challenge: 'a'.repeat(43) }, 'invalid_request'],
    ['a malformed challenge', { code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
  ];
  for (const [what, change, code] of cases) {
    const params = new URLSearchParams(authorizeQuery(spaId));
    for (const [k, v] of Object.entries(change)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const res = await get(`${idp.url}/oauth2/authorize?${params}`);
    t.equal(res.status, 302, `${what}: redirected`);
    const location = new URL(res.headers.get('location')!);
    t.equal(`${location.origin}${location.pathname}`, callback, `${what}: to the redirect_uri`);
    t.equal(location.searchParams.get('error'), code, `${what}: ${code}`);
    t.type(location.searchParams.get('error_description'), 'string');
    t.equal(location.searchParams.get('state'), 's1', `${what}: state kept`);
  }
  const repeated = await get(`${idp.url}/oauth2/authorize?${authorizeQuery(spaId)}&state=s2`);
  t.equal(new URL(repeated.headers.get('location')!).searchParams.get('error'), 'invalid_request', 'a repeated parameter');
});

t.test('a session per client: reused until it expires, not shared with another client', async (t) => {
  const idp = await startOAuthIdp(t);
  const query = authorizeQuery(spaId, { scope: 'openid bogus-scope' });
  const first = await get(`${idp.url}/oauth2/authorize?${query}`);
  const posted = await postLogin(first.headers.get('location')!, { pick: 'alice' });
  const setCookie = posted.headers.get('set-cookie')!;
  t.match(setCookie, /^mock-idp-session_us-east-1_LocalPool_1vngm1viu6qqksk0qckq8aag7p=[\w-]{43}; /);
  for (const attribute of ['Path=/', 'Max-Age=3600', 'HttpOnly', 'SameSite=Lax']) t.match(setCookie, `; ${attribute}`, attribute);
  t.notMatch(setCookie, 'Secure', 'not Secure over http');
  const cookie = cookieOf(posted);

  const direct = await get(`${idp.url}/oauth2/authorize?${authorizeQuery(spaId, { state: 'again' })}`, { cookie });
  t.match(direct.headers.get('location'), /^http:\/\/localhost:3000\/callback\?code=[0-9a-f-]{36}&state=again$/, 'no login page the second time');
  const other = await get(`${idp.url}/oauth2/authorize?${authorizeQuery(backendId)}`, { cookie });
  t.match(other.headers.get('location'), `${idp.url}/login?`, 'another client needs its own sign-in');

  idp.baseClock.advanceBy(3601_000);
  const expired = await get(`${idp.url}/oauth2/authorize?${query}`, { cookie });
  t.match(expired.headers.get('location'), `${idp.url}/login?`, 'after an hour the session is gone');
});

t.test('implicit flow: tokens in the fragment, an ID token only with openid, never a refresh token', async (t) => {
  const idp = await startOAuthIdp(t);
  const withOpenid = await signInThrough(t, idp, authorizeQuery(spaId, { response_type: 'token', scope: 'openid email', nonce: 'n-1' }), { pick: 'alice' });
  const url = new URL(withOpenid.location);
  t.equal(url.search, '', 'nothing in the query');
  const fragment = new URLSearchParams(url.hash.slice(1));
  t.same([...fragment.keys()], ['id_token', 'access_token', 'token_type', 'expires_in', 'state']);
  t.equal(fragment.get('token_type'), 'Bearer');
  t.equal(fragment.get('expires_in'), '3600');
  t.equal(fragment.get('state'), 's1');
  const idClaims = JSON.parse(Buffer.from(fragment.get('id_token')!.split('.')[1]!, 'base64url').toString());
  t.match(idClaims, { nonce: 'n-1', aud: spaId, at_hash: String });

  const withoutOpenid = await get(`${idp.url}/oauth2/authorize?${authorizeQuery(spaId, { response_type: 'token', scope: 'aws.cognito.signin.user.admin' })}`, {
    cookie: withOpenid.cookie,
  });
  const plain = new URLSearchParams(new URL(withoutOpenid.headers.get('location')!).hash.slice(1));
  t.same([...plain.keys()], ['access_token', 'token_type', 'expires_in', 'state'], 'no id_token without openid');
  const access = JSON.parse(Buffer.from(plain.get('access_token')!.split('.')[1]!, 'base64url').toString());
  t.match(access, { scope: 'aws.cognito.signin.user.admin', version: 2, username: 'alice' });
});

t.test('scopes: unknown ones ignored, none requested means every allowed scope', async (t) => {
  const idp = await startOAuthIdp(t);
  const scopeOf = async (extra: Record<string, string>) => {
    const { location } = await signInThrough(t, idp, authorizeQuery(spaId, { response_type: 'token', ...extra }), { pick: 'bob' });
    const token = new URLSearchParams(new URL(location).hash.slice(1)).get('access_token')!;
    return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).scope;
  };
  t.equal(await scopeOf({ scope: 'openid bogus/scope profile' }), 'openid profile');
  t.equal(await scopeOf({}), 'openid email phone profile aws.cognito.signin.user.admin');
});
