import { existingGroup, groupMemberProblems, groupType } from '../../cognito/groups.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `GetGroup`: the group as GroupType; ResourceNotFoundException `Group not found.` when there is none. */
export const getGroup =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', GroupName: 'string' });
    const problems = groupMemberProblems(input);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    return { Group: groupType(pool, existingGroup(pool, input.GroupName)) };
  };
