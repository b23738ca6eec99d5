/**
 * Forgetting an expired entry frees its memory and changes no answer: what
 * was refused right after it expired is refused the same way once forgotten.
 */
import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import { AuthorizationCodes } from '../../src/cognito/authorization-codes.js';
import { HostedUiSessions } from '../../src/cognito/hosted-ui-sessions.js';
import { startTestIdp, testEpochMs } from '../helpers/idp.js';
import { alice, appServicesLogin, cognito, day, memoryStoreOf, passwordSignIn, spa } from './helpers.js';

const local = 'us-east-1_LocalPool';

t.test('a refresh token of a forgotten sign-in: NotAuthorizedException "Refresh Token has expired", as before', async (t) => {
  const idp = await startTestIdp(t, { config: { logLevel: 'silent' } });
  const { RefreshToken } = await passwordSignIn(idp);
  const refresh = () => cognito(idp, 'InitiateAuth', { ClientId: spa, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken } });
  t.equal((await refresh()).status, 200);
  idp.baseClock.advanceBy(31 * day);
  const held = await refresh();
  await passwordSignIn(idp); // sweeps
  t.equal(idp.services.signIns.size, 1, 'the old sign-in is forgotten');
  const forgotten = await refresh();
  t.same(forgotten, held, 'the same answer');
  t.match(forgotten.body, { __type: 'NotAuthorizedException', message: 'Refresh Token has expired' });
});

t.test('a revoked access token that outlives its refresh token stays revoked', async (t) => {
  const idp = await startTestIdp(t, { config: { logLevel: 'silent' } });
  const made = await cognito(idp, 'CreateUserPoolClient', {
    UserPoolId: local,
    ClientName: 'short-refresh',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    RefreshTokenValidity: 60,
    AccessTokenValidity: 24,
    TokenValidityUnits: { RefreshToken: 'minutes', AccessToken: 'hours' },
  });
  t.equal(made.status, 200, JSON.stringify(made.body));
  const clientId = made.body.UserPoolClient.ClientId as string;
  const { AccessToken, RefreshToken } = await passwordSignIn(idp, clientId);
  t.equal((await cognito(idp, 'RevokeToken', { ClientId: clientId, Token: RefreshToken })).status, 200);
  const getUser = () => cognito(idp, 'GetUser', { AccessToken });
  t.match((await getUser()).body, { __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  idp.baseClock.advanceBy(2 * 3600_000);
  for (let i = 0; i < 3; i++) await passwordSignIn(idp, clientId);
  t.equal(idp.services.signIns.size, 4, 'held while its access token lives');
  t.match((await getUser()).body, { __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  idp.baseClock.advanceBy(day + 120_000);
  await passwordSignIn(idp, clientId);
  t.equal(idp.services.signIns.size, 1, 'forgotten once that expired too');
  t.match((await getUser()).body, { __type: 'NotAuthorizedException', message: 'Access Token has expired' });
});

t.test('App Services: the tokens of a deleted expired session are refused as before', async (t) => {
  const idp = await startTestIdp(t, { config: { logLevel: 'silent', appServices: { refreshTokenLifetimeSeconds: 1800 } } });
  const store = await memoryStoreOf(idp);
  const first = await appServicesLogin(idp);
  idp.baseClock.advanceBy(1700_000);
  // A new access token just before the session expires: it lives past the session.
  const refreshed = await idp.app.inject({ method: 'POST', url: '/api/client/v2.0/auth/session', headers: { authorization: `Bearer ${first.refresh_token}` } });
  t.equal(refreshed.statusCode, 201, refreshed.body);
  const access = refreshed.json().access_token as string;
  const profile = () => idp.app.inject({ method: 'GET', url: '/api/client/v2.0/auth/profile', headers: { authorization: `Bearer ${access}` } });
  const refresh = () => idp.app.inject({ method: 'POST', url: '/api/client/v2.0/auth/session', headers: { authorization: `Bearer ${first.refresh_token}` } });
  const answer = async (res: Promise<{ statusCode: number; body: string }>) => {
    const { statusCode, body } = await res;
    return { statusCode, body };
  };

  idp.baseClock.advanceBy(200_000); // session expired, access token alive
  const heldProfile = await answer(profile());
  const heldRefresh = await answer(refresh());
  t.match(JSON.parse(heldProfile.body), { error_code: 'InvalidSession' });
  await appServicesLogin(idp);
  t.equal(store.sessionCount, 2, 'kept while an access token of it lives');
  t.same(await answer(profile()), heldProfile);

  idp.baseClock.advanceBy(1800_000);
  const expiredProfile = await answer(profile());
  await appServicesLogin(idp);
  t.equal(store.sessionCount, 2, 'the first session deleted');
  t.same(await answer(profile()), expiredProfile, 'its access token: refused as before');
  t.same(await answer(refresh()), heldRefresh, 'its refresh token: refused as before');
});

t.test('forgotten hosted-UI sessions and authorization codes are refused as expired ones were', async (t) => {
  const clock = new ManualClock(testEpochMs);
  const sessions = new HostedUiSessions({ clock });
  const codes = new AuthorizationCodes({ clock });
  const session = sessions.start(local, spa, alice.username);
  const code = codes.issue({ poolId: local, clientId: spa, username: alice.username, redirectUri: 'http://localhost/cb', scopes: [], authTime: 0 });
  clock.advanceBy(3600_000);
  sessions.start(local, spa, alice.username);
  codes.issue({ poolId: local, clientId: spa, username: alice.username, redirectUri: 'http://localhost/cb', scopes: [], authTime: 0 });
  t.same([sessions.size, codes.size], [1, 1], 'the expired ones forgotten');
  t.equal(sessions.find(session.id, local, spa), undefined);
  t.equal(codes.redeem(code), undefined);
});
