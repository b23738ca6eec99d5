import { existingUser, poolById } from '../../cognito/lookups.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminSetUserPassword`: `Permanent: true` makes the user CONFIRMED, otherwise FORCE_CHANGE_PASSWORD. */
export const adminSetUserPassword =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', Password: 'string', Permanent: 'boolean?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    checkPasswordPolicy(input.Password, pool.settings.Policies.PasswordPolicy);
    user.password = input.Password;
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    dates.modified(user);
    return {};
  };
