import { existingUser, poolById } from '../../cognito/lookups.js';
import { setMfaPreference } from '../../cognito/mfa-methods.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { mfaPreferenceSpec } from './set-user-mfa-preference.js';

/** `AdminSetUserMFAPreference`: SetUserMFAPreference for a user named by the administrator. */
export const adminSetUserMfaPreference =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ...mfaPreferenceSpec });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    setMfaPreference(pool, user, input);
    dates.modified(user);
    return {};
  };
