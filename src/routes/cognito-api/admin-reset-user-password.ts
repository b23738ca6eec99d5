import { existingUser, poolById } from '../../cognito/lookups.js';
import { resetDestination } from '../../cognito/password-reset.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `AdminResetUserPassword`: the user becomes RESET_REQUIRED and gets a password-reset code
 * (FORGOT_PASSWORD, valid 1 hour) at their verified email, else their verified phone number.
 * Every sign-in then answers PasswordResetRequiredException until ConfirmForgotPassword.
 */
export const adminResetUserPassword =
  ({ directory, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ClientMetadata: 'stringMap?' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    const to = resetDestination(user);
    user.status = 'RESET_REQUIRED';
    sendCode(codes, user, 'FORGOT_PASSWORD', context, to);
    dates.modified(user);
    return {};
  };
