import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, type TestIdp } from './idp.js';

/** A password every policy in these tests accepts. */
export const strongPassword = 'Sunny-Day-2030-long-enough!';

/** A pool made with CreateUserPool and these settings, and a public client of it that signs in with passwords. */
export async function poolWith(cognito: CognitoIdentityProviderClient, settings: Omit<CreateUserPoolCommandInput, 'PoolName'> = {}) {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'settings', ...settings }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

export const signUpTo = (cognito: CognitoIdentityProviderClient, ClientId: string, Username: string, UserAttributes: Array<{ Name: string; Value: string }> = [], Password = strongPassword) =>
  cognito.send(new SignUpCommand({ ClientId, Username, Password, UserAttributes }));

export const passwordSignIn = (cognito: CognitoIdentityProviderClient, ClientId: string, USERNAME: string, PASSWORD = strongPassword) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD } }));

/** The codes mock-idp "sent" a user, from the control API. */
export async function codesOf(idp: TestIdp, poolId: string, username: string) {
  const res = await call(idp, 'GET', `/_mock/pools/${poolId}/users/${encodeURIComponent(username)}/codes`);
  return (res.body?.codes ?? []) as Array<{ purpose: string; code: string; attributeName: string | null; destination: string | null }>;
}
