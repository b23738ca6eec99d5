import { existingUser, poolById } from '../../cognito/lookups.js';
import { setMfaPreference } from '../../cognito/mfa.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { mfaPreferenceSpec } from './set-user-mfa-preference.js';

/** `AdminSetUserMFAPreference`: SetUserMFAPreference for a user named by the administrator. */
export const adminSetUserMfaPreference =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ...mfaPreferenceSpec });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    setMfaPreference(user, input);
    dates.modified(user);
    return {};
  };
