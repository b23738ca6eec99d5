import { userAuthFactors } from '../../cognito/user-auth-factors.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `GetUserAuthFactors`: the access token's user's MFA settings and the first factors they can sign in
 * with (ConfiguredUserAuthFactors: PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN).
 */
export const getUserAuthFactors =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string' });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    return userAuthFactors(pool, user);
  };
