import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { removeUser } from './user-removal.js';

/** `AdminDeleteUser`: the user is gone until POST /_mock/reset (which restores fixture users). */
export const adminDeleteUser =
  (deps: Pick<CognitoApiDeps, 'directory' | 'codes' | 'srp'>): Handler =>
  async (body) => {
    const { directory } = deps;
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    removeUser(deps, pool, user.username);
    return {};
  };
