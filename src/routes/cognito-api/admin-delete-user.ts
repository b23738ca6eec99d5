import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminDeleteUser`: the user is gone until POST /_mock/reset (which restores fixture users). */
export const adminDeleteUser =
  ({ directory, codes, srp }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'srp'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    directory.removeUser(pool, user.username);
    codes.forget(pool.id, user.username);
    srp.forget(pool.id, user.username);
    return {};
  };
