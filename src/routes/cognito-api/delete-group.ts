import { existingGroup, groupMemberProblems } from '../../cognito/groups.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DeleteGroup`: the group goes, and with it every user's membership: their next tokens no longer carry it. */
export const deleteGroup =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', GroupName: 'string' });
    const problems = groupMemberProblems(input);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const group = existingGroup(pool, input.GroupName);
    pool.groups.splice(pool.groups.indexOf(group), 1);
    for (const user of pool.users) {
      if (user.groups.includes(group.name)) user.groups = user.groups.filter((g) => g !== group.name);
    }
    return {};
  };
