import { existingUser, poolById } from '../../cognito/lookups.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminSetUserPassword`: `Permanent: true` makes the user CONFIRMED, otherwise FORCE_CHANGE_PASSWORD. */
export const adminSetUserPassword =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', Password: 'string', Permanent: 'boolean?' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    checkPasswordPolicy(input.Password);
    user.password = input.Password;
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    dates.modified(user);
    return {};
  };
