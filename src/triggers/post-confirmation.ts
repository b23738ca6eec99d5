import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';
import { triggerUserAttributes } from './trigger-user-attributes.js';
import type { Triggers } from './triggers.js';

/** The post confirmation event's sources (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html). */
export type PostConfirmationSource = 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';

export interface PostConfirmationInput {
  pool: Pool;
  source: PostConfirmationSource;
  /** The user as it will be once confirmed (status and verified attributes). */
  user: Pick<UserRecord, 'username' | 'sub' | 'attributes' | 'status'>;
  clientId?: string | null | undefined;
  awsSdkVersion?: string | undefined;
  clientMetadata?: Record<string, string> | undefined;
}

/**
 * Runs the pool's post confirmation function, if any. Its response carries nothing ({}); a function that
 * fails fails the request. mock-idp runs it just before it confirms (the user's attributes in the event are
 * those the confirmation gives), so a failure leaves the user and the code as they were.
 */
export async function runPostConfirmation(triggers: Triggers, input: PostConfirmationInput): Promise<void> {
  await triggers.run({
    pool: input.pool,
    trigger: 'PostConfirmation',
    triggerSource: input.source,
    userName: input.user.username,
    clientId: input.clientId,
    awsSdkVersion: input.awsSdkVersion,
    request: { userAttributes: triggerUserAttributes(input.user), ...(input.clientMetadata ? { clientMetadata: input.clientMetadata } : {}) },
    response: {},
  });
}
