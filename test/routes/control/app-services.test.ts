import t, { type Test } from 'tap';
import { assertClientError, bearer, clientApi, defaultAppId, hs256AppId, hs256Secret, login, raw, spaClientId } from '../../app-services/helpers.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { call, startTestIdp, type TestIdp } from '../../helpers/idp.js';

const apps = '/_mock/app-services/apps';
const users = (appId = defaultAppId) => `${apps}/${appId}/users`;

/** Logs `user` in to the default app over HTTP; the login answer. */
async function logIn(t: Test, idp: TestIdp, user: string) {
  const res = await login(idp, (await idp.mint({ user })).token);
  t.equal(res.status, 200, `${user} logged in`);
  return res.body as { access_token: string; refresh_token: string; user_id: string };
}

const refresh = (idp: TestIdp, refreshToken: string) => raw(idp, 'POST', `${clientApi}/auth/session`, { headers: bearer(refreshToken) });
const profile = (idp: TestIdp, accessToken: string) => raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: bearer(accessToken) });

t.test('GET /_mock/app-services/apps: both fixture apps, the JWK URI on this server, the memory store', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', apps);
  t.equal(res.status, 200);
  t.equal(res.body.store.kind, 'memory');
  t.type(res.body.store.description, 'string');
  t.same(res.body.apps.map((a: { appId: string }) => a.appId).sort(), [defaultAppId, hs256AppId]);

  const byId = Object.fromEntries(res.body.apps.map((a: { appId: string }) => [a.appId, a]));
  t.match(byId[defaultAppId], {
    name: 'mock-idp-app',
    baseUrl: idp.url,
    locationUrl: `${idp.url}${clientApi}/app/${defaultAppId}/location`,
    loginUrl: `${idp.url}${clientApi}/app/${defaultAppId}/auth/providers/custom-token/login`,
    provider: {
      id: /^[0-9a-f]{24}$/,
      disabled: false,
      signingAlgorithm: 'RS256',
      jwkUri: `${idp.url}/us-east-1_LocalPool/.well-known/jwks.json`,
      audience: [spaClientId],
      requireAnyAudience: false,
    },
    providerConfig: { name: 'custom-token', type: 'custom-token' },
  });
  t.same(byId[defaultAppId].provider.metadataFields, [
    { name: 'email', field_name: 'email', required: true },
    { name: 'name', field_name: 'name', required: false },
    { name: 'cognito:groups', field_name: 'groups', required: false },
    { name: 'custom:tenant', field_name: 'tenant', required: false },
  ]);
  t.equal((await call(idp, 'GET', byId[defaultAppId].provider.jwkUri.slice(idp.url.length))).status, 200, 'the JWK URI is served here');

  t.match(byId[hs256AppId].provider, { signingAlgorithm: 'HS256', jwkUri: null, audience: [] });
  t.same(byId[hs256AppId].provider.metadataFields, [
    { name: 'user_data.name', field_name: 'name', required: true },
    { name: 'http://example\\.com/email', field_name: 'email', required: false },
  ]);
  t.notMatch(JSON.stringify(res.body), hs256Secret, 'secret values are not shown, only their names');
});

t.test('users: listed after logins, one per sub, oldest first', async (t) => {
  const idp = await startTestIdp(t);
  t.same((await call(idp, 'GET', users())).body, { users: [] }, 'none before any login');
  const alice = await logIn(t, idp, 'alice');
  idp.baseClock.advanceBy(1000);
  const bob = await logIn(t, idp, 'bob');
  idp.baseClock.advanceBy(1000);
  await logIn(t, idp, 'alice');

  const list = await call(idp, 'GET', users());
  t.equal(list.status, 200);
  t.same(
    list.body.users.map((u: { id: string }) => u.id),
    [alice.user_id, bob.user_id],
    'two users, oldest first',
  );
  const [first] = list.body.users;
  const aliceSub = (await idp.mint({ user: 'alice' })).payload!.sub;
  t.match(first, {
    id: alice.user_id,
    appId: defaultAppId,
    type: 'normal',
    disabled: false,
    identities: [{ id: aliceSub, providerType: 'custom-token', providerId: /^[0-9a-f]{24}$/ }],
    data: { email: 'alice.strosin9@example.com', name: 'Alice Strosin', groups: ['admin', 'editors'], tenant: 'hooli' },
  });
  t.equal(first.identities.length, 1, 'a second login adds no identity');
  t.ok(first.lastAuthenticationDate > first.creationDate, 'the last login is recorded');

  const one = await call(idp, 'GET', `${users()}/${bob.user_id}`);
  t.equal(one.status, 200);
  t.equal(one.body.id, bob.user_id);
  t.same((await call(idp, 'GET', users(hs256AppId))).body, { users: [] }, 'the other app has its own users');
});

t.test('disable and enable a user', async (t) => {
  const idp = await startTestIdp(t);
  const alice = await logIn(t, idp, 'alice');
  const disabled = await call(idp, 'POST', `${users()}/${alice.user_id}/disable`);
  t.equal(disabled.status, 200);
  t.match(disabled.body, { id: alice.user_id, disabled: true });

  assertClientError(t, await login(idp, (await idp.mint({ user: 'alice' })).token), 401, 'UserDisabled', 'login');
  assertClientError(t, await refresh(idp, alice.refresh_token), 401, 'InvalidSession', 'refresh of a disabled user');
  t.equal((await call(idp, 'GET', `${users()}/${alice.user_id}`)).body.disabled, true);

  const enabled = await call(idp, 'POST', `${users()}/${alice.user_id}/enable`);
  t.equal(enabled.status, 200);
  t.match(enabled.body, { id: alice.user_id, disabled: false });
  t.equal((await refresh(idp, alice.refresh_token)).status, 201, 'the session works again');
  t.equal((await logIn(t, idp, 'alice')).user_id, alice.user_id, 'and logins, as the same user');
});

t.test('delete a user: the user and its sessions go', async (t) => {
  const idp = await startTestIdp(t);
  const alice = await logIn(t, idp, 'alice');
  const bob = await logIn(t, idp, 'bob');
  const res = await call(idp, 'DELETE', `${users()}/${alice.user_id}`);
  t.equal(res.status, 200);
  t.same(res.body, { deleted: alice.user_id });

  assertErrorBody(t, await call(idp, 'GET', `${users()}/${alice.user_id}`), 404, 'UNKNOWN_APP_USER', 'deleted user');
  t.same(
    (await call(idp, 'GET', users())).body.users.map((u: { id: string }) => u.id),
    [bob.user_id],
    'bob is left',
  );
  assertClientError(t, await refresh(idp, alice.refresh_token), 401, 'InvalidSession', "the deleted user's refresh token");
  t.equal((await refresh(idp, bob.refresh_token)).status, 201, "other users' sessions are untouched");

  const again = await logIn(t, idp, 'alice');
  t.not(again.user_id, alice.user_id, 'the same sub logs in as a new user');
  assertErrorBody(t, await call(idp, 'DELETE', `${users()}/${alice.user_id}`), 404, 'UNKNOWN_APP_USER', 'deleting twice');
});

t.test('DELETE …/users/:userId/sessions revokes every session (refresh tokens only)', async (t) => {
  const idp = await startTestIdp(t);
  const one = await logIn(t, idp, 'alice');
  const two = await logIn(t, idp, 'alice');
  const bob = await logIn(t, idp, 'bob');
  const res = await call(idp, 'DELETE', `${users()}/${one.user_id}/sessions`);
  t.equal(res.status, 200);
  t.same(res.body, { revoked: 2 });

  for (const session of [one, two]) assertClientError(t, await refresh(idp, session.refresh_token), 401, 'InvalidSession', 'revoked refresh token');
  t.equal((await profile(idp, one.access_token)).status, 200, 'issued access tokens stay valid until they expire (as in App Services)');
  t.equal((await refresh(idp, bob.refresh_token)).status, 201, 'other users keep theirs');
  t.equal((await call(idp, 'GET', `${users()}/${one.user_id}`)).status, 200, 'the user stays');
  t.same((await call(idp, 'DELETE', `${users()}/${one.user_id}/sessions`)).body, { revoked: 0 }, 'nothing left to revoke');
});

t.test('unknown app: 404 UNKNOWN_APP; unknown user: 404 UNKNOWN_APP_USER', async (t) => {
  const idp = await startTestIdp(t);
  const alice = await logIn(t, idp, 'alice');
  const nobody = '0123456789abcdef01234567';
  const requests: Array<[string, string]> = [
    ['GET', ''],
    ['GET', '/:user'],
    ['POST', '/:user/disable'],
    ['POST', '/:user/enable'],
    ['DELETE', '/:user'],
    ['DELETE', '/:user/sessions'],
  ];
  for (const [method, path] of requests) {
    const what = `${method} users${path}`;
    assertErrorBody(t, await call(idp, method, `${users('no-such-app')}${path.replace(':user', alice.user_id)}`), 404, 'UNKNOWN_APP', `${what}, unknown app`);
    if (path === '') continue;
    assertErrorBody(t, await call(idp, method, `${users()}${path.replace(':user', nobody)}`), 404, 'UNKNOWN_APP_USER', `${what}, unknown user`);
    const elsewhere = await call(idp, method, `${users(hs256AppId)}${path.replace(':user', alice.user_id)}`);
    assertErrorBody(t, elsewhere, 404, 'UNKNOWN_APP_USER', `${what}, a user of another app`);
  }
  assertErrorBody(t, await call(idp, 'GET', `${users()}/not-an-object-id`), 404, 'UNKNOWN_APP_USER', 'a user id that is no ObjectId');
  t.equal((await call(idp, 'GET', `${users()}/${alice.user_id}`)).body.disabled, false, 'nothing happened to alice');
});
