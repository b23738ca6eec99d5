import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { removeUser } from './user-removal.js';

/**
 * `DeleteUser`: the access token's user deletes themselves. Their sign-ins end with them, so
 * the API refuses their tokens afterwards (and would refuse them to a new user of the same name).
 */
export const deleteUser =
  (deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'codes' | 'srp'>): Handler =>
  async (body) => {
    const { signIns } = deps;
    const input = readInput(body, { AccessToken: 'string', ClientMetadata: 'stringMap?' });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    signIns.globalSignOut(pool, user.username);
    removeUser(deps, pool, user.username);
    return {};
  };
