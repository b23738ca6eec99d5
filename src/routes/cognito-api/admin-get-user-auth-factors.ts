import { existingUser, poolById } from '../../cognito/lookups.js';
import { userAuthFactors } from '../../cognito/user-auth-factors.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminGetUserAuthFactors`: GetUserAuthFactors for a user the administrator names. */
export const adminGetUserAuthFactors =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const pool = poolById(directory, input.UserPoolId);
    return userAuthFactors(pool, existingUser(directory, pool, input.Username));
  };
