import { CreateUserPoolClientCommand, CreateUserPoolCommand, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import type { TriggerFunctionsConfig } from '../../src/config/types.js';
import type { TriggerInvocation } from '../../src/triggers/trigger-journal.js';
import { startCognito } from '../helpers/cognito.js';

/** An ARN for a test function (`fn('pre-sign-up')`). */
export const fn = (name: string, region = 'us-east-1') => `arn:aws:lambda:${region}:123456789012:function:${name}`;

/** The absolute path of a module in test/triggers/handlers/. */
export const handlerModule = (file: string) => fileURLToPath(new URL(`./handlers/${file}`, import.meta.url));

export interface TriggerPoolOptions {
  /** `lambda.functions`: ARN → { module, export?, timeoutSeconds? } (module paths absolute: see {@link handlerModule}). */
  functions?: TriggerFunctionsConfig['functions'];
  /** `lambda.endpoint` (a fake Lambda endpoint's URL). */
  endpoint?: string | null;
  /** The pool's LambdaConfig (Cognito's member names). */
  lambdaConfig: NonNullable<CreateUserPoolCommandInput['LambdaConfig']>;
  /** More CreateUserPool input. */
  pool?: Partial<CreateUserPoolCommandInput>;
}

/**
 * A live mock-idp with a pool made by CreateUserPool (with `lambdaConfig`) and a public client that allows
 * USER_PASSWORD_AUTH, USER_SRP_AUTH, CUSTOM_AUTH and refresh; the trigger functions as `functions` maps them.
 *
 * @example
 * const { cognito, poolId, clientId, journal } = await startTriggerPool(t, {
 *   functions: { [fn('pre-sign-up')]: { module: handlerModule('pre-sign-up.ts') } },
 *   lambdaConfig: { PreSignUp: fn('pre-sign-up') },
 * });
 */
export async function startTriggerPool(t: Test, options: TriggerPoolOptions) {
  const { idp, cognito } = await startCognito(t, {
    config: { lambda: { endpoint: options.endpoint ?? null, timeoutSeconds: 5, functions: options.functions ?? {} } },
  });
  const created = await cognito.send(new CreateUserPoolCommand({ PoolName: 'triggers', LambdaConfig: options.lambdaConfig, ...options.pool }));
  const poolId = created.UserPool!.Id!;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
    }),
  );
  const clientId = client.UserPoolClient!.ClientId!;
  /** The trigger journal of this pool, through the control API. */
  const journal = async (trigger?: string): Promise<TriggerInvocation[]> => {
    const res = await fetch(`${idp.url}/_mock/triggers?pool=${poolId}${trigger ? `&trigger=${trigger}` : ''}`);
    return ((await res.json()) as { invocations: TriggerInvocation[] }).invocations;
  };
  return { idp, cognito, poolId, clientId, journal };
}
