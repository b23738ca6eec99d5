import t from 'tap';
import { s256Challenge } from '../../src/cognito/pkce.js';
import { assertOAuthError, backendId, basic, callback, codeFor, postForm, spaId, startOAuthIdp } from '../helpers/oauth2.js';

const verifier = 'v'.repeat(43);
const challenge = { code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' };

t.test('authorization_code: PKCE, single use, 5 minutes, bound to client and redirect_uri', async (t) => {
  const idp = await startOAuthIdp(t);
  const token = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spaId, redirect_uri: callback, ...fields }, headers);

  const code = await codeFor(t, idp, spaId, challenge);
  await assertOAuthError(t, await token({ code, code_verifier: 'w'.repeat(43) }), 400, 'invalid_grant');
  const again = await codeFor(t, idp, spaId, challenge);
  await assertOAuthError(t, await token({ code: again }), 400, 'invalid_grant');

  const good = await codeFor(t, idp, spaId, challenge);
  const ok = await token({ code: good, code_verifier: verifier });
  t.equal(ok.status, 200);
  t.equal(ok.headers.get('content-type'), 'application/json;charset=UTF-8');
  t.equal(ok.headers.get('cache-control'), 'no-store');
  const body = (await ok.json()) as Record<string, unknown>;
  t.same(Object.keys(body), ['access_token', 'id_token', 'refresh_token', 'token_type', 'expires_in']);
  t.match(body, { token_type: 'Bearer', expires_in: 3600 });
  await assertOAuthError(t, await token({ code: good, code_verifier: verifier }), 400, 'invalid_grant');
  await assertOAuthError(t, await token({ code: 'no-such-code' }), 400, 'invalid_grant');

  const noPkce = await codeFor(t, idp, spaId);
  await assertOAuthError(t, await token({ code: noPkce, code_verifier: verifier }), 400, 'invalid_grant');

  const late = await codeFor(t, idp, spaId);
  const inTime = await codeFor(t, idp, spaId);
  idp.baseClock.advanceBy(299_000);
  t.equal((await token({ code: inTime })).status, 200, 'at 4:59 the code works');
  idp.baseClock.advanceBy(2_000);
  await assertOAuthError(t, await token({ code: late }), 400, 'invalid_grant');

  const otherRedirect = await codeFor(t, idp, spaId);
  await assertOAuthError(t, await token({ code: otherRedirect, redirect_uri: 'http://127.0.0.1:3000/callback' }), 400, 'invalid_grant');
  const unregistered = await codeFor(t, idp, spaId);
  await assertOAuthError(t, await token({ code: unregistered, redirect_uri: `${callback}/` }), 400, 'unauthorized_client');

  const spaCode = await codeFor(t, idp, spaId);
  const asBackend = await token({ code: spaCode, client_id: backendId, client_secret: idp.fixtures.backendSecret });
  await assertOAuthError(t, asBackend, 400, 'invalid_grant');
  await assertOAuthError(t, await token({ code: '' }), 400, 'invalid_request');
});

t.test('client authentication: invalid_client is a 400 at the token endpoint', async (t) => {
  const idp = await startOAuthIdp(t);
  const secret = idp.fixtures.backendSecret;
  const url = `${idp.url}/oauth2/token`;
  const cc = { grant_type: 'client_credentials' };
  t.equal((await postForm(url, cc, basic(backendId, secret))).status, 200, 'client_secret_basic');
  t.equal((await postForm(url, { ...cc, client_id: backendId, client_secret: secret })).status, 200, 'client_secret_post');
  await assertOAuthError(t, await postForm(url, cc, basic(backendId, 'wrong')), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_id: backendId, client_secret: 'wrong' }), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_id: backendId }), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_id: '7notaclient00000000000000a' }), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, cc), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_id: spaId, client_secret: 'x' }), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_id: spaId }, basic(backendId, secret)), 400, 'invalid_client');
  await assertOAuthError(t, await postForm(url, { ...cc, client_secret: secret }, basic(backendId, secret)), 400, 'invalid_request');
});

t.test('grants and bodies the endpoint refuses', async (t) => {
  const idp = await startOAuthIdp(t);
  const url = `${idp.url}/oauth2/token`;
  const backend = basic(backendId, idp.fixtures.backendSecret);
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', client_id: spaId }), 400, 'unauthorized_client');
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', scope: 'openid' }, backend), 400, 'invalid_scope');
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', scope: 'other-api/read' }, backend), 400, 'invalid_scope');
  await assertOAuthError(t, await postForm(url, { grant_type: 'password', username: 'alice', password: 'x' }, backend), 400, 'unsupported_grant_type');
  await assertOAuthError(t, await postForm(url, {}, backend), 400, 'invalid_request');
  const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...backend }, body: '{"grant_type":"client_credentials"}' });
  await assertOAuthError(t, json, 400, 'invalid_request');
  const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', ...backend }, body: 'grant_type=client_credentials' });
  await assertOAuthError(t, text, 400, 'invalid_request');
  const repeated = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...backend }, body: 'grant_type=client_credentials&grant_type=refresh_token' });
  await assertOAuthError(t, repeated, 400, 'invalid_request');
});

t.test('refresh_token: new tokens, a new refresh token only with rotation, only for its own client', async (t) => {
  const idp = await startOAuthIdp(t);
  const code = await codeFor(t, idp, spaId, { scope: 'aws.cognito.signin.user.admin' });
  const url = `${idp.url}/oauth2/token`;
  const first = (await (await postForm(url, { grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback })).json()) as Record<string, string>;
  t.notOk(first.id_token, 'no id_token without openid');
  const refreshed = await postForm(url, { grant_type: 'refresh_token', client_id: spaId, refresh_token: first.refresh_token! });
  t.equal(refreshed.status, 200);
  t.same(Object.keys((await refreshed.json()) as object), ['access_token', 'token_type', 'expires_in'], 'still no id_token, and no refresh_token');
  const asBackend = { grant_type: 'refresh_token', refresh_token: first.refresh_token! };
  await assertOAuthError(t, await postForm(url, asBackend, basic(backendId, idp.fixtures.backendSecret)), 400, 'invalid_grant');
  await assertOAuthError(t, await postForm(url, { grant_type: 'refresh_token', client_id: spaId, refresh_token: 'junk' }), 400, 'invalid_grant');
  await assertOAuthError(t, await postForm(url, { grant_type: 'refresh_token', client_id: spaId }), 400, 'invalid_request');

  const directory = idp.services.directory;
  directory.client(directory.pool(), 'spa').refreshTokenRotation = true;
  const rotating = await postForm(url, { grant_type: 'refresh_token', client_id: spaId, refresh_token: first.refresh_token! });
  const next = ((await rotating.json()) as Record<string, string>).refresh_token;
  t.match(next, /^[\w-]+(\.[\w-]*){4}$/, 'with rotation, a new refresh token');
  await assertOAuthError(t, await postForm(url, { grant_type: 'refresh_token', client_id: spaId, refresh_token: first.refresh_token! }), 400, 'invalid_grant');
  t.equal((await postForm(url, { grant_type: 'refresh_token', client_id: spaId, refresh_token: next! })).status, 200, 'the new one works');
});
