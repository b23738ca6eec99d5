/**
 * The App Services emulator through the real SDK: realm-web 2 in Node against
 * a live server: location, custom-JWT login,
 * profile, custom data, refresh, logout, automatic refresh-and-retry, device
 * ids, and the login refusals realm-web surfaces as MongoDBRealmError.
 */
import { SignJWT } from 'jose';
import * as Realm from 'realm-web';
import t from 'tap';
import { call, startTestIdp } from '../helpers/idp.js';
import { bearer, clientApi, defaultAppId, hs256AppId, hs256Secret, raw, realmApp, realmError, spaClientId } from './helpers.js';

const jwt = (token: string) => Realm.Credentials.jwt(token);

/** An HS256 custom JWT for the HS256 app, as a backend holding the app's secret would sign it. */
async function hs256Token(claims: Record<string, unknown>, { secret = hs256Secret, nowMs }: { secret?: string; nowMs: number }) {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('hs-user-1')
    .setAudience(hs256AppId)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(secret));
}

t.test('log in with a minted ID token: user, profile, identities, custom data', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  const alice = await idp.mint({ user: 'alice' });
  const user = await app.logIn(jwt(alice.token));

  t.match(user.id, /^[0-9a-f]{24}$/, 'user id: a 24-hex ObjectId string');
  t.equal(user.state, Realm.UserState.Active);
  t.equal(app.currentUser, user, 'the current user');
  t.equal(user.providerType, 'custom-token');
  t.same(user.identities, [{ id: alice.payload!.sub, providerType: 'custom-token' }], "one identity: the token's sub");
  t.same(user.profile, { email: 'alice.strosin9@example.com', name: 'Alice Strosin', groups: ['admin', 'editors'], tenant: 'hooli' }, 'the mapped metadata, and only that');
  t.same(user.customData, {}, 'customData decodes from the access token: an object');
  t.type(user.accessToken, 'string');
  t.type(user.refreshToken, 'string');

  const again = await app.logIn(jwt((await idp.mint({ user: 'alice' })).token));
  t.equal(again.id, user.id, 'the same sub gives the same user id');
  t.equal(again, user, 'realm-web reuses the User object');

  const bob = await app.logIn(jwt((await idp.mint({ user: 'bob' })).token));
  t.not(bob.id, user.id, 'another sub, another user');
  t.same(bob.profile, { email: 'bob.boyle83@example.com', name: 'Bob Boyle', tenant: 'initech' }, 'no groups: Cognito omits an empty cognito:groups');
  t.equal(app.currentUser, bob, 'the last login is the current user');
  t.equal(Object.keys(app.allUsers).length, 2, 'two users in the App');
});

t.test('refreshAccessToken and logOut; the old refresh token is refused afterwards', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  const user = await app.logIn(jwt((await idp.mint({ user: 'alice' })).token));
  const { accessToken: before, refreshToken } = user;

  idp.baseClock.advanceBy(60_000);
  await user.refreshAccessToken();
  t.not(user.accessToken, before, 'a new access token');
  t.equal(user.refreshToken, refreshToken, 'the same refresh token');
  t.same(user.customData, {}, 'the new access token decodes');
  await user.refreshProfile();
  t.equal(user.profile.email, 'alice.strosin9@example.com', 'the new access token works');

  await user.logOut();
  t.equal(user.state, Realm.UserState.LoggedOut);
  t.equal(user.refreshToken, null, 'tokens cleared locally');
  const res = await raw(idp, 'POST', `${clientApi}/auth/session`, { headers: bearer(refreshToken!) });
  t.equal(res.status, 401, 'the old refresh token is refused');
  t.equal(res.body?.error_code, 'InvalidSession');
});

t.test('access tokens: with the configured aud they log in; a Cognito access token (no aud) is refused', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  // The default app requires the `email` metadata field, which access tokens do not carry.
  const audOnly = await idp.mint({ user: 'alice', tokenUse: 'access', claims: { aud: spaClientId } });
  const missing = await realmError(t, app.logIn(jwt(audOnly.token)), 'access token without email');
  t.equal(missing?.statusCode, 401);
  t.equal(missing?.errorCode, 'AuthError');
  t.equal(missing?.error, "expected field 'email' to be in token metadata", "App Services' wording (stitch-js-sdk#382)");

  const withAud = await idp.mint({ user: 'alice', tokenUse: 'access', claims: { aud: spaClientId, email: 'alice@example.com' } });
  const user = await app.logIn(jwt(withAud.token));
  t.same(user.identities, [{ id: withAud.payload!.sub, providerType: 'custom-token' }], 'the audience passes');
  t.same(user.profile, { email: 'alice@example.com', groups: ['admin', 'editors'] }, 'the metadata this token has');

  const plain = await idp.mint({ user: 'alice', tokenUse: 'access' });
  const error = await realmError(t, app.logIn(jwt(plain.token)), 'plain access token');
  t.equal(error?.statusCode, 401);
  t.equal(error?.errorCode, 'AuthError');
  t.equal(error?.error, `'${spaClientId}' not found in 'aud' claim`, "App Services' wording (realm-swift#8108)");
});

t.test("HS256 app: a token signed with the app's secret logs in; required metadata and the secret are checked", async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp, hs256AppId);
  const nowMs = idp.clock.now();
  const good = await hs256Token({ user_data: { name: 'Jean' }, 'http://example.com/email': 'jean@example.com' }, { nowMs });
  const user = await app.logIn(jwt(good));
  t.same(user.identities, [{ id: 'hs-user-1', providerType: 'custom-token' }]);
  t.equal(user.profile.name, 'Jean', 'user_data.name maps to name');
  t.equal(user.profile.email, 'jean@example.com', 'an escaped dot in the metadata name is a literal dot');

  const noName = await realmError(t, app.logIn(jwt(await hs256Token({ user_data: {} }, { nowMs }))), 'without user_data.name');
  t.equal(noName?.statusCode, 401);
  t.equal(noName?.errorCode, 'AuthError');
  t.equal(noName?.error, "expected field 'user_data.name' to be in token metadata", "App Services' wording (stitch-js-sdk#382)");

  const otherSecret = 'Another_secret_of_at_least_32_characters';
  const wrong = await realmError(t, app.logIn(jwt(await hs256Token({ user_data: { name: 'Jean' } }, { nowMs, secret: otherSecret }))), 'wrong secret');
  t.equal(wrong?.statusCode, 401);
  t.equal(wrong?.errorCode, 'AuthError');
  t.equal(app.currentUser, user, 'refused logins leave the logged-in user alone');
});

t.test('a disabled user cannot log in; enabled again, they can', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  const user = await app.logIn(jwt((await idp.mint({ user: 'alice' })).token));
  const users = `/_mock/app-services/apps/${defaultAppId}/users/${user.id}`;
  t.equal((await call(idp, 'POST', `${users}/disable`)).status, 200, 'disabled');

  const error = await realmError(t, app.logIn(jwt((await idp.mint({ user: 'alice' })).token)), 'disabled user');
  t.equal(error?.statusCode, 401);
  t.equal(error?.errorCode, 'UserDisabled');

  t.equal((await call(idp, 'POST', `${users}/enable`)).status, 200, 'enabled');
  t.equal((await app.logIn(jwt((await idp.mint({ user: 'alice' })).token))).id, user.id, 'the same user logs in again');
});

t.test('an expired access token: realm-web gets 401 InvalidSession, refreshes and retries', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  const user = await app.logIn(jwt((await idp.mint({ user: 'alice' })).token));
  const expired = user.accessToken!;

  idp.baseClock.advanceBy(31 * 60_000);
  const res = await raw(idp, 'GET', `${clientApi}/auth/profile`, { headers: bearer(expired) });
  t.equal(res.status, 401, 'the old access token is expired after 30 minutes');
  t.equal(res.body?.error_code, 'InvalidSession', 'with the code realm-web retries on');

  await user.refreshProfile();
  t.not(user.accessToken, expired, 'realm-web refreshed the access token');
  t.equal(user.state, Realm.UserState.Active);
  t.equal(user.profile.email, 'alice.strosin9@example.com', 'and the retried request succeeded');
});

t.test('device id: a second login from the same App sends the stored device id back and keeps it', async (t) => {
  const idp = await startTestIdp(t);
  const app = realmApp(idp);
  const first = await app.logIn(jwt((await idp.mint({ user: 'alice' })).token));
  const deviceId = first.deviceId;
  t.match(deviceId, /^[0-9a-f]{24}$/, 'the server gave this device an id (not zeros)');
  t.not(deviceId, '000000000000000000000000');

  const second = await app.logIn(jwt((await idp.mint({ user: 'bob' })).token));
  t.equal(second.deviceId, deviceId, 'another login from this App: the same device id');

  const elsewhere = await realmApp(idp).logIn(jwt((await idp.mint({ user: 'alice' })).token));
  t.equal(elsewhere.id, first.id, 'the same user from another App (another device)');
  t.not(elsewhere.deviceId, deviceId, 'gets another device id');
});
