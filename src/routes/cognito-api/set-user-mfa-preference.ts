import { setMfaPreference } from '../../cognito/mfa-methods.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** The MFA settings members SetUserMFAPreference and AdminSetUserMFAPreference share. */
export const mfaPreferenceSpec = { SoftwareTokenMfaSettings: 'object?', SMSMfaSettings: 'object?', EmailMfaSettings: 'object?' } as const;

/**
 * `SetUserMFAPreference`: the access token's user turns SMS, authenticator-app (verified with
 * VerifySoftwareToken) and email MFA on or off, and picks the preferred one.
 */
export const setUserMfaPreference =
  ({ signIns, dates }: Pick<CognitoApiDeps, 'signIns' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', ...mfaPreferenceSpec });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    setMfaPreference(pool, user, input);
    dates.modified(user);
    return {};
  };
