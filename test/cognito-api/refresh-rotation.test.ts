import {
  AdminInitiateAuthCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { alice, claimsOf, localPool, sdkError, startCognito } from '../helpers/cognito.js';

const rotating = '5rotatingclient0000000000a';
const rotatingClient = {
  id: rotating,
  name: 'rotating',
  secret: null,
  allowedScopes: [],
  idTokenValiditySeconds: 3600,
  accessTokenValiditySeconds: 3600,
  refreshTokenValiditySeconds: 3600,
  refreshTokenRotation: true,
};

/** A server whose pool has the usual clients plus a rotating one with this grace period (config file). */
const withRotatingClient = (t: Test, refreshTokenRetryGracePeriodSeconds: number) =>
  startCognito(t, { config: { pools: [{ id: localPool, users: '*', clients: [{ ...rotatingClient, refreshTokenRetryGracePeriodSeconds }] }] } });

async function signIn(cognito: CognitoIdentityProviderClient, ClientId = rotating): Promise<string> {
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }));
  return out.AuthenticationResult!.RefreshToken!;
}

const refresh = (cognito: CognitoIdentityProviderClient, RefreshToken: string, ClientId = rotating) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));

t.test('the config file sets the grace period; DescribeUserPoolClient shows it', async (t) => {
  const { cognito } = await withRotatingClient(t, 30);
  const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: rotating }));
  t.same(UserPoolClient!.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
});

t.test('within the grace period a replaced refresh token still works (a retry); after it, RefreshTokenReuseException', async (t) => {
  const { idp, cognito } = await withRotatingClient(t, 10);
  const first = await signIn(cognito);
  const second = (await refresh(cognito, first)).AuthenticationResult!;
  t.ok(second.RefreshToken);
  idp.baseClock.advanceBy(9_000);
  const retry = (await refresh(cognito, first)).AuthenticationResult!;
  t.ok(retry.RefreshToken, 'the retry gets a refresh token too');
  t.not(retry.RefreshToken, second.RefreshToken);
  t.equal(claimsOf(retry.AccessToken!).origin_jti, claimsOf(second.AccessToken!).origin_jti, 'same sign-in');
  idp.baseClock.advanceBy(1_000);
  t.match(await sdkError(refresh(cognito, first)), { name: 'RefreshTokenReuseException', status: 400 }, '10 s after it was replaced');
  // The retry replaced `second` 9 s in: its own grace period runs to 19 s.
  t.ok((await refresh(cognito, second.RefreshToken!)).AuthenticationResult!.RefreshToken, 'the token the retry replaced, within its grace');
  idp.baseClock.advanceBy(10_000);
  t.match(await sdkError(refresh(cognito, second.RefreshToken!)), { name: 'RefreshTokenReuseException' });
  t.match(await sdkError(refresh(cognito, retry.RefreshToken!)), { name: 'RefreshTokenReuseException' }, 'replaced by the last refresh, 10 s ago');
});

t.test('with no grace period, a replaced refresh token is refused at once', async (t) => {
  const { cognito } = await withRotatingClient(t, 0);
  const first = await signIn(cognito);
  const second = (await refresh(cognito, first)).AuthenticationResult!.RefreshToken!;
  t.match(await sdkError(refresh(cognito, first)), { name: 'RefreshTokenReuseException' });
  t.ok((await refresh(cognito, second)).AuthenticationResult!.RefreshToken, 'the newest works');
});

t.test("a rotated refresh token expires when the sign-in's first one does", async (t) => {
  const { idp, cognito } = await withRotatingClient(t, 0);
  const first = await signIn(cognito);
  idp.baseClock.advanceBy(50 * 60_000);
  const second = (await refresh(cognito, first)).AuthenticationResult!.RefreshToken!;
  idp.baseClock.advanceBy(10 * 60_000 + 1000);
  t.match(await sdkError(refresh(cognito, second)), { name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
});

t.test('REFRESH_TOKEN_AUTH and REFRESH_TOKEN are refused while the client rotates, in InitiateAuth and AdminInitiateAuth', async (t) => {
  const { cognito } = await withRotatingClient(t, 10);
  const token = await signIn(cognito);
  for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
    t.match(await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow, ClientId: rotating, AuthParameters: { REFRESH_TOKEN: token } }))), { name: 'InvalidParameterException' }, AuthFlow);
    const admin = new AdminInitiateAuthCommand({ UserPoolId: localPool, AuthFlow, ClientId: rotating, AuthParameters: { REFRESH_TOKEN: token } });
    t.match(await sdkError(cognito.send(admin)), { name: 'InvalidParameterException' }, `admin ${AuthFlow}`);
  }
  t.ok((await refresh(cognito, token)).AuthenticationResult!.RefreshToken, 'the token itself still works with GetTokensFromRefreshToken');
});

t.test('CreateUserPoolClient and UpdateUserPoolClient: rotation with its grace period acts; a bad one changes nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const created = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'made', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  const ClientId = created.UserPoolClient!.ClientId!;
  t.same(created.UserPoolClient!.RefreshTokenRotation, { Feature: 'DISABLED' });
  const update = (RetryGracePeriodSeconds: number) =>
    cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: localPool,
        ClientId,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds },
      }),
    );
  t.match(await sdkError(update(61)), { name: 'InvalidParameterException' });
  const described = async () => (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId }))).UserPoolClient!;
  t.same((await described()).RefreshTokenRotation, { Feature: 'DISABLED' }, 'unchanged by the refused update');
  t.same((await update(5)).UserPoolClient!.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 });

  const first = await signIn(cognito, ClientId);
  await refresh(cognito, first, ClientId);
  idp.baseClock.advanceBy(4_000);
  t.ok((await refresh(cognito, first, ClientId)).AuthenticationResult, 'within 5 s');
  idp.baseClock.advanceBy(1_000);
  t.match(await sdkError(refresh(cognito, first, ClientId)), { name: 'RefreshTokenReuseException' }, 'after 5 s');
});

t.test("POST /oauth2/token's refresh_token grant follows the same rule (plain HTTP)", async (t) => {
  const { idp, cognito } = await withRotatingClient(t, 10);
  const first = await signIn(cognito);
  const grant = async (refresh_token: string) => {
    const res = await fetch(`${idp.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: rotating, refresh_token }).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const second = await grant(first);
  t.equal(second.status, 200);
  t.ok(second.body.refresh_token, 'a new refresh token');
  idp.baseClock.advanceBy(9_000);
  const retry = await grant(first);
  t.equal(retry.status, 200, 'within the grace period');
  t.ok(retry.body.refresh_token);
  idp.baseClock.advanceBy(1_000);
  t.match(await grant(first), { status: 400, body: { error: 'invalid_grant' } }, 'after it');
  t.equal((await grant(retry.body.refresh_token!)).status, 200, 'the newest works');
});
