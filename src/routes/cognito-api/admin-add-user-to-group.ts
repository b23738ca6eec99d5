import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminAddUserToGroup`: the user's next tokens carry the group in
 * `cognito:groups`. mock-idp pools have no group list: any name is a group.
 */
export const adminAddUserToGroup =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', GroupName: 'string' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    if (!user.groups.includes(input.GroupName)) user.groups.push(input.GroupName);
    dates.modified(user);
    return {};
  };
