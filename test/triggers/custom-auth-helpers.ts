import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Test } from 'tap';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

export const password = 'Finding-8296-same!';

/** The three challenge ARNs, each mapped to an export of custom-auth-challenge.ts (`define`, `create`, `verify` unless `exports` says otherwise). */
export function challengeFunctions(exports: { define?: string; create?: string; verify?: string } = {}) {
  const module = handlerModule('custom-auth-challenge.ts');
  return {
    [fn('define-auth')]: { module, export: exports.define ?? 'define' },
    [fn('create-auth')]: { module, export: exports.create ?? 'create' },
    [fn('verify-auth')]: { module, export: exports.verify ?? 'verify' },
  };
}

export const challengeTriggers = { DefineAuthChallenge: fn('define-auth'), CreateAuthChallenge: fn('create-auth'), VerifyAuthChallengeResponse: fn('verify-auth') };

/** A pool with the challenge triggers and a CONFIRMED user `carla` (email carla@example.com). */
export async function startCustomAuthPool(t: Test, exports: Parameters<typeof challengeFunctions>[0] = {}, lambdaConfig: Record<string, string> = challengeTriggers) {
  const started = await startTriggerPool(t, { functions: challengeFunctions(exports), lambdaConfig });
  await addUser(started.cognito, started.poolId, 'carla', 'carla@example.com');
  return started;
}

/** A CONFIRMED user with a permanent password. */
export async function addUser(cognito: CognitoIdentityProviderClient, UserPoolId: string, Username: string, email: string) {
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: password, Permanent: true }));
}

/** Another client of the pool (e.g. PreventUserExistenceErrors LEGACY, or without ALLOW_CUSTOM_AUTH). */
export async function addClient(cognito: CognitoIdentityProviderClient, UserPoolId: string, input: Partial<CreateUserPoolClientCommandInput>) {
  const created = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...input }));
  return created.UserPoolClient!.ClientId!;
}
