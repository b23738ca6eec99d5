import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminUserGlobalSignOut`: GlobalSignOut for a user named by the administrator. */
export const adminUserGlobalSignOut =
  ({ directory, signIns }: Pick<CognitoApiDeps, 'directory' | 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const pool = poolById(directory, input.UserPoolId);
    signIns.globalSignOut(pool, existingUser(directory, pool, input.Username).username);
    return {};
  };
