import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `DeleteUser`: the access token's user deletes themselves. Their sign-ins end with them, so
 * the API refuses their tokens afterwards (and would refuse them to a new user of the same name).
 */
export const deleteUser =
  ({ directory, signIns, codes, srp }: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'codes' | 'srp'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', ClientMetadata: 'stringMap?' });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    signIns.globalSignOut(pool, user.username);
    directory.removeUser(pool, user.username);
    codes.forget(pool.id, user.username);
    srp.forget(pool.id, user.username);
    return {};
  };
