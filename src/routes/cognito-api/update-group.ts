import { existingGroup, groupMemberProblems, groupType } from '../../cognito/groups.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `UpdateGroup`: sets the Description, RoleArn and Precedence given; a member left out keeps
 * its value. The API reference says the operation "updates any of the properties for precedence,
 * IAM role, or description" (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateGroup.html),
 * i.e. those given. Tokens minted afterwards use the new values.
 */
export const updateGroup =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', GroupName: 'string', RoleArn: 'string?', Precedence: 'integer?' });
    const problems = groupMemberProblems({ ...input, Description: body.Description });
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const group = existingGroup(pool, input.GroupName);
    if (typeof body.Description === 'string') group.description = body.Description;
    if (input.RoleArn !== undefined) group.roleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.precedence = input.Precedence;
    group.modifiedAt = clock.now();
    return { Group: groupType(pool, group) };
  };
