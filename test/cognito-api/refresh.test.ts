import {
  AdminDisableUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { alice, backend, claimsOf, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';

const rotating = '5rotatingclient0000000000a';
const rotatingClient = { id: rotating, name: 'rotating', secret: null, allowedScopes: [], idTokenValiditySeconds: 3600, accessTokenValiditySeconds: 3600, refreshTokenValiditySeconds: 2_592_000 };

async function signIn(cognito: CognitoIdentityProviderClient, ClientId = spa, extra: Record<string, string> = {}) {
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password, ...extra } }));
  return out.AuthenticationResult!;
}

const refreshAuth = (REFRESH_TOKEN: string, ClientId = spa, AuthFlow: 'REFRESH_TOKEN_AUTH' | 'REFRESH_TOKEN' = 'REFRESH_TOKEN_AUTH', extra: Record<string, string> = {}) =>
  new InitiateAuthCommand({ AuthFlow, ClientId, AuthParameters: { REFRESH_TOKEN, ...extra } });

t.test('REFRESH_TOKEN_AUTH and REFRESH_TOKEN: same sign-in, auth_time kept, no new refresh token', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const first = await signIn(cognito);
  const before = claimsOf(first.AccessToken!);
  idp.baseClock.advanceBy(30 * 60_000);
  for (const flow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
    const out = await cognito.send(refreshAuth(first.RefreshToken!, spa, flow));
    t.equal(out.AuthenticationResult!.RefreshToken, undefined, flow);
    const id = await verifyToken(idp, out.AuthenticationResult!.IdToken!, 'id');
    const access = await verifyToken(idp, out.AuthenticationResult!.AccessToken!, 'access');
    t.match(access, { origin_jti: before.origin_jti, auth_time: before.auth_time, iat: before.iat + 1800 }, flow);
    t.equal(id.origin_jti, before.origin_jti);
  }
});

t.test('GetTokensFromRefreshToken without rotation: new ID and access tokens only', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const first = await signIn(cognito);
  const out = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: spa, RefreshToken: first.RefreshToken }));
  t.equal(out.AuthenticationResult!.RefreshToken, undefined);
  t.equal((await verifyToken(idp, out.AuthenticationResult!.AccessToken!, 'access')).origin_jti, claimsOf(first.AccessToken!).origin_jti);
});

t.test('with refresh token rotation: a new refresh token each time, the old one spent, REFRESH_TOKEN_AUTH refused', async (t) => {
  const { idp, cognito } = await startCognito(t, {
    config: { pools: [{ id: localPool, users: '*', clients: [{ ...rotatingClient, refreshTokenRotation: true }] }] },
  });
  const first = await signIn(cognito, rotating);
  const refresh = (RefreshToken: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating, RefreshToken }));
  const second = (await refresh(first.RefreshToken!)).AuthenticationResult!;
  t.ok(second.RefreshToken, 'a new refresh token');
  t.not(second.RefreshToken, first.RefreshToken);
  t.equal((await verifyToken(idp, second.AccessToken!, 'access', rotating)).origin_jti, claimsOf(first.AccessToken!).origin_jti, 'same sign-in');
  t.match(await sdkError(refresh(first.RefreshToken!)), { name: 'RefreshTokenReuseException', status: 400 });
  const third = (await refresh(second.RefreshToken!)).AuthenticationResult!;
  t.ok(third.RefreshToken);
  t.match(await sdkError(cognito.send(refreshAuth(third.RefreshToken!, rotating))), { name: 'InvalidParameterException' });
});

t.test('an expired refresh token: NotAuthorizedException `Refresh Token has expired`', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const first = await signIn(cognito);
  idp.baseClock.advanceBy(30 * 86_400_000 + 1000);
  t.match(await sdkError(cognito.send(refreshAuth(first.RefreshToken!))), { name: 'NotAuthorizedException', status: 400, message: 'Refresh Token has expired' });
  t.match(await sdkError(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: spa, RefreshToken: first.RefreshToken }))), { name: 'NotAuthorizedException' });
});

t.test('a refresh token of another client, or not one at all: NotAuthorizedException', async (t) => {
  const { cognito } = await startCognito(t);
  const first = await signIn(cognito);
  const hash = { SECRET_HASH: secretHash(backend.secret, 'alice', backend.id) };
  t.match(await sdkError(cognito.send(refreshAuth(first.RefreshToken!, backend.id, 'REFRESH_TOKEN_AUTH', hash))), { name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  t.match(await sdkError(cognito.send(refreshAuth('not-a-token'))), { name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
});

t.test('a client with a secret: SECRET_HASH over the username (or sub) for REFRESH_TOKEN_AUTH, ClientSecret for GetTokensFromRefreshToken', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const hash = { SECRET_HASH: secretHash(backend.secret, 'alice', backend.id) };
  const first = await signIn(cognito, backend.id, hash);
  t.match(await sdkError(cognito.send(refreshAuth(first.RefreshToken!, backend.id))), {
    name: 'NotAuthorizedException',
    message: `Client ${backend.id} is configured with secret but SECRET_HASH was not received`,
  });
  t.ok((await cognito.send(refreshAuth(first.RefreshToken!, backend.id, 'REFRESH_TOKEN_AUTH', hash))).AuthenticationResult);
  const sub = idp.services.directory.user(idp.services.directory.pool(), 'alice').sub;
  t.ok((await cognito.send(refreshAuth(first.RefreshToken!, backend.id, 'REFRESH_TOKEN_AUTH', { SECRET_HASH: secretHash(backend.secret, sub, backend.id) }))).AuthenticationResult);
  const viaApi = (ClientSecret?: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: backend.id, RefreshToken: first.RefreshToken, ClientSecret }));
  t.match(await sdkError(viaApi()), { name: 'NotAuthorizedException' });
  t.match(await sdkError(viaApi('wrong')), { name: 'NotAuthorizedException' });
  t.ok((await viaApi(backend.secret)).AuthenticationResult?.AccessToken);
});

t.test("RevokeToken: the refresh token and the sign-in's access tokens stop working", async (t) => {
  const { cognito } = await startCognito(t);
  const first = await signIn(cognito);
  const other = await signIn(cognito);
  await cognito.send(new RevokeTokenCommand({ ClientId: spa, Token: first.RefreshToken }));
  t.match(await sdkError(cognito.send(refreshAuth(first.RefreshToken!))), { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
  t.match(await sdkError(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: spa, RefreshToken: first.RefreshToken }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: first.AccessToken }))), { name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  t.ok((await cognito.send(refreshAuth(other.RefreshToken!))).AuthenticationResult, 'other sign-ins are untouched');
  const backendRevoke = await sdkError(cognito.send(new RevokeTokenCommand({ ClientId: backend.id, Token: other.RefreshToken })));
  t.match(backendRevoke, { name: 'NotAuthorizedException' }, 'a client with a secret needs ClientSecret');
});

t.test('GlobalSignOut: every sign-in of the user ends; a new one works', async (t) => {
  const { cognito } = await startCognito(t);
  const first = await signIn(cognito);
  const second = await signIn(cognito);
  await cognito.send(new GlobalSignOutCommand({ AccessToken: second.AccessToken }));
  for (const tokens of [first, second]) {
    t.match(await sdkError(cognito.send(refreshAuth(tokens.RefreshToken!))), { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))), { name: 'NotAuthorizedException' });
  }
  const fresh = await signIn(cognito);
  t.ok((await cognito.send(refreshAuth(fresh.RefreshToken!))).AuthenticationResult);
});

t.test('a disabled user cannot refresh', async (t) => {
  const { cognito } = await startCognito(t);
  const first = await signIn(cognito);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.match(await sdkError(cognito.send(refreshAuth(first.RefreshToken!))), { name: 'NotAuthorizedException', message: 'User is disabled.' });
});
