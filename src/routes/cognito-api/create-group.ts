import { CognitoError } from '../../cognito/errors.js';
import { findGroup, groupMemberProblems, groupType } from '../../cognito/groups.js';
import { poolById } from '../../cognito/lookups.js';
import type { Group } from '../../directory/pool.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CreateGroup`: a group named uniquely (case-sensitively) in its pool, with an optional
 * Description, RoleArn (its members' `cognito:roles` / `cognito:preferred_role`) and Precedence.
 * A taken name is GroupExistsException.
 */
export const createGroup =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', GroupName: 'string', RoleArn: 'string?', Precedence: 'integer?' });
    const problems = groupMemberProblems({ ...input, Description: body.Description });
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    if (findGroup(pool, input.GroupName)) throw new CognitoError('GroupExistsException', `A group with the name ${input.GroupName} already exists.`);
    const now = clock.now();
    const group: Group = {
      name: input.GroupName,
      ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
      ...(input.Precedence !== undefined ? { precedence: input.Precedence } : {}),
      ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
      createdAt: now,
      modifiedAt: now,
    };
    pool.groups.push(group);
    return { Group: groupType(pool, group) };
  };
