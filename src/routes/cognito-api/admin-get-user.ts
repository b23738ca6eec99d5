import { existingUser, poolById } from '../../cognito/lookups.js';
import { userMfaSettings } from '../../cognito/mfa-methods.js';
import { attributeList } from '../../cognito/user-attributes.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminGetUser`: attributes (with `sub`), dates, Enabled and UserStatus, and UserMFASettingList /
 * PreferredMfaSetting when the user has MFA; UserNotFoundException for an unknown user.
 */
export const adminGetUser =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    const { created, modified } = dates.of(user);
    return {
      Username: user.username,
      UserAttributes: attributeList(user),
      UserCreateDate: created,
      UserLastModifiedDate: modified,
      Enabled: user.enabled,
      UserStatus: user.status,
      ...userMfaSettings(user),
    };
  };
