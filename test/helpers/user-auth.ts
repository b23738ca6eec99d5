import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, type TestIdp } from './idp.js';

export const dora = { username: 'dora', password: 'Choosing-4711-ways!', email: 'dora@example.com' };

/**
 * A pool whose first factors are PASSWORD and EMAIL_OTP, a client allowing `flows`, and dora (confirmed,
 * a password, a verified email). Returns the pool and client ids.
 */
export async function userAuthPool(
  cognito: CognitoIdentityProviderClient,
  { factors = ['PASSWORD', 'EMAIL_OTP'], flows = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }: { factors?: string[]; flows?: ExplicitAuthFlowsType[] } = {},
) {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'choices', Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as never } }, UserPoolTier: 'ESSENTIALS' }));
  const pool = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: flows }));
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: dora.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: dora.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: dora.username, Password: dora.password, Permanent: true }));
  return { pool, client: UserPoolClient!.ClientId! };
}

/** The user's latest SIGN_IN code, as the control API shows it. */
export async function signInCode(idp: Pick<TestIdp, 'url'>, pool: string, username = dora.username): Promise<string | undefined> {
  const codes = (await call(idp, 'GET', `/_mock/pools/${pool}/users/${username}/codes`)).body.codes as Array<{ purpose: string; code: string }>;
  return codes.filter((c) => c.purpose === 'SIGN_IN').at(-1)?.code;
}
