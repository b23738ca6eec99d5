import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';
import { triggerUserAttributes } from './trigger-user-attributes.js';
import type { Triggers } from './triggers.js';

export interface AuthenticationTriggerInput {
  pool: Pool;
  user: UserRecord;
  clientId: string;
  awsSdkVersion?: string | undefined;
}

/**
 * Runs the pool's pre authentication function, if any, when a known user starts signing in (before the
 * password is checked): a function that throws refuses the sign-in. `validationData` is the sign-in's
 * ClientMetadata (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html).
 */
export async function runPreAuthentication(triggers: Triggers, input: AuthenticationTriggerInput & { validationData?: Record<string, string> | undefined }): Promise<void> {
  // No function, no event to build (every sign-in passes here).
  if (!triggers.functionOf(input.pool, 'PreAuthentication')) return;
  await triggers.run({
    pool: input.pool,
    trigger: 'PreAuthentication',
    triggerSource: 'PreAuthentication_Authentication',
    userName: input.user.username,
    clientId: input.clientId,
    awsSdkVersion: input.awsSdkVersion,
    request: { userAttributes: triggerUserAttributes(input.user), ...(input.validationData ? { validationData: input.validationData } : {}) },
    response: {},
  });
}

/**
 * Runs the pool's post authentication function, if any, once a sign-in has succeeded and before its tokens
 * are made: a function that throws fails the sign-in, and no tokens are issued
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html).
 * mock-idp remembers no devices, so `newDeviceUsed` is false.
 */
export async function runPostAuthentication(triggers: Triggers, input: AuthenticationTriggerInput & { clientMetadata?: Record<string, string> | undefined }): Promise<void> {
  if (!triggers.functionOf(input.pool, 'PostAuthentication')) return;
  await triggers.run({
    pool: input.pool,
    trigger: 'PostAuthentication',
    triggerSource: 'PostAuthentication_Authentication',
    userName: input.user.username,
    clientId: input.clientId,
    awsSdkVersion: input.awsSdkVersion,
    request: { userAttributes: triggerUserAttributes(input.user), newDeviceUsed: false, ...(input.clientMetadata ? { clientMetadata: input.clientMetadata } : {}) },
    response: {},
  });
}
