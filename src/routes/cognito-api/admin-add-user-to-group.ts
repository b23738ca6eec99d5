import { existingGroup, groupMemberProblems } from '../../cognito/groups.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminAddUserToGroup`: the user's next tokens carry the group in `cognito:groups` (and its
 * role, if any, in the ID token's `cognito:roles` / `cognito:preferred_role`). The group must
 * exist (CreateGroup, or a configured pool's group): ResourceNotFoundException `Group not found.`
 * otherwise. Adding a member again changes nothing.
 */
export const adminAddUserToGroup =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', GroupName: 'string' });
    const problems = groupMemberProblems(input);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    const group = existingGroup(pool, input.GroupName);
    if (!user.groups.includes(group.name)) user.groups.push(group.name);
    dates.modified(user);
    return {};
  };
