import type { Pool } from '../directory/pool.js';
import { invalidLambdaResponse } from './trigger-errors.js';
import type { Triggers } from './triggers.js';

/** The pre sign-up event's sources (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html). */
export type PreSignUpSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

export interface PreSignUpInput {
  pool: Pool;
  source: PreSignUpSource;
  userName: string;
  clientId?: string | null | undefined;
  awsSdkVersion?: string | undefined;
  /** The attributes the new user gets, by name. */
  userAttributes: Record<string, string>;
  /** ValidationData, by name; null when the request has none (as Cognito sends it). */
  validationData: Array<{ Name: string; Value?: string | undefined }> | null | undefined;
  clientMetadata?: Record<string, string> | undefined;
}

/** What the function decided: all false when the pool has no pre sign-up function. */
export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const flags = ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'] as const;

/**
 * Runs the pool's pre sign-up function, if any, before the user exists: a function that throws refuses the
 * sign-up (UserLambdaValidationException) and nothing is created. Its response may confirm the user and mark
 * the email or phone number verified; `autoVerifyEmail` with no email (or `autoVerifyPhone` with no phone number)
 * is a response Cognito cannot use ("the email attribute must have a valid, non-null value").
 * `PreSignUp_ExternalProvider` runs at a user's first sign-in through an identity provider, with the mapped
 * attributes and `validationData` null; that user is EXTERNAL_PROVIDER whatever `autoConfirmUser` says
 * (see cognito/federation-users.ts).
 */
export async function runPreSignUp(triggers: Triggers, input: PreSignUpInput): Promise<PreSignUpDecision> {
  const decision: PreSignUpDecision = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
  const validationData = input.validationData ? Object.fromEntries(input.validationData.map((a) => [a.Name, a.Value ?? ''])) : null;
  const result = await triggers.run({
    pool: input.pool,
    trigger: 'PreSignUp',
    triggerSource: input.source,
    userName: input.userName,
    clientId: input.clientId,
    awsSdkVersion: input.awsSdkVersion,
    request: { userAttributes: input.userAttributes, validationData, ...(input.clientMetadata ? { clientMetadata: input.clientMetadata } : {}) },
    response: { ...decision },
    check: (response) => {
      for (const flag of flags) {
        const value = response[flag];
        if (value !== undefined && value !== null && typeof value !== 'boolean') throw invalidLambdaResponse(`${flag} is not a boolean`);
      }
      if (response.autoVerifyEmail === true && !input.userAttributes.email) throw invalidLambdaResponse('autoVerifyEmail without an email attribute');
      if (response.autoVerifyPhone === true && !input.userAttributes.phone_number) throw invalidLambdaResponse('autoVerifyPhone without a phone_number attribute');
    },
  });
  if (!result) return decision;
  for (const flag of flags) decision[flag] = result.response[flag] === true;
  return decision;
}
