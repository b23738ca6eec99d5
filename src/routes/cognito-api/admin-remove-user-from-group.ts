import { existingGroup, groupMemberProblems } from '../../cognito/groups.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminRemoveUserFromGroup`: the user's next tokens no longer carry the group. The group must
 * exist (ResourceNotFoundException `Group not found.`); removing a non-member changes nothing.
 */
export const adminRemoveUserFromGroup =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', GroupName: 'string' });
    const problems = groupMemberProblems(input);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    const group = existingGroup(pool, input.GroupName);
    user.groups = user.groups.filter((g) => g !== group.name);
    dates.modified(user);
    return {};
  };
