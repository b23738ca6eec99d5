import { setMfaPreference } from '../../cognito/mfa.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** The MFA settings members SetUserMFAPreference and AdminSetUserMFAPreference share. */
export const mfaPreferenceSpec = { SoftwareTokenMfaSettings: 'object?', SMSMfaSettings: 'object?', EmailMfaSettings: 'object?' } as const;

/**
 * `SetUserMFAPreference`: the access token's user turns their authenticator app (verified with
 * VerifySoftwareToken) on or off as MFA, and makes it preferred.
 */
export const setUserMfaPreference =
  ({ signIns, dates }: Pick<CognitoApiDeps, 'signIns' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', ...mfaPreferenceSpec });
    const { user } = await userOfAccessToken(signIns, input.AccessToken);
    setMfaPreference(user, input);
    dates.modified(user);
    return {};
  };
