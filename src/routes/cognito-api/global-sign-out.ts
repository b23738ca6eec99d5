import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `GlobalSignOut`: every sign-in of the user so far ends. Their refresh tokens
 * fail and the JSON API refuses their access tokens (which still verify offline).
 */
export const globalSignOut =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string' });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    signIns.globalSignOut(pool, user.username);
    return {};
  };
