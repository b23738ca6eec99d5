import { existingUser, poolById } from '../../cognito/lookups.js';
import { resetDestination } from '../../cognito/password-reset.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';

/**
 * `AdminResetUserPassword`: the user becomes RESET_REQUIRED and gets a password-reset code
 * (FORGOT_PASSWORD, valid 1 hour) at their verified email, else their verified phone number.
 * Every sign-in then answers PasswordResetRequiredException until ConfirmForgotPassword.
 */
export const adminResetUserPassword =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ClientMetadata: 'stringMap?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    const to = resetDestination(user);
    const prepared = await prepareCode(triggers, { pool, user, purpose: 'FORGOT_PASSWORD', source: 'CustomMessage_ForgotPassword', only: to, clientMetadata: input.ClientMetadata }, context);
    user.status = 'RESET_REQUIRED';
    sendCode(codes, user, 'FORGOT_PASSWORD', context, to, prepared);
    dates.modified(user);
    return {};
  };
