import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';
import { userMfaSettings } from './mfa-methods.js';
import { availableChallenges } from './sign-in-factors.js';

/**
 * GetUserAuthFactors / AdminGetUserAuthFactors: the user's MFA settings (as GetUser gives them) and
 * `ConfiguredUserAuthFactors`, the first factors the user can sign in with through USER_AUTH: what
 * SELECT_CHALLENGE would offer (PASSWORD for both password forms), in AuthFactorType's spelling.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html
 */
export function userAuthFactors(pool: Pool, user: UserRecord): Record<string, unknown> {
  const { UserMFASettingList, PreferredMfaSetting } = userMfaSettings(user);
  const factors = [...new Set(availableChallenges(pool, user).map((c: string) => (c === 'PASSWORD_SRP' ? 'PASSWORD' : c)))];
  return {
    Username: user.username,
    ...(PreferredMfaSetting ? { PreferredMfaSetting } : {}),
    ...(UserMFASettingList ? { UserMFASettingList } : {}),
    ConfiguredUserAuthFactors: factors,
  };
}
