import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminRemoveUserFromGroup`: the user's next tokens no longer carry the group. */
export const adminRemoveUserFromGroup =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', GroupName: 'string' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    user.groups = user.groups.filter((g) => g !== input.GroupName);
    dates.modified(user);
    return {};
  };
