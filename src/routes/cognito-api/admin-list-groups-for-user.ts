import { groupsOf, groupType } from '../../cognito/groups.js';
import { page } from '../../cognito/pages.js';
import { queryLimitProblems } from './query-limit.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminListGroupsForUser`: the user's groups as GroupType, in the order their tokens' `cognito:groups`
 * lists them (lowest Precedence first), `Limit` (≤ 60, default 60) at a time with an opaque `NextToken`.
 */
export const adminListGroupsForUser =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', Limit: 'integer?', NextToken: 'string?' });
    const problems = queryLimitProblems('limit', input.Limit);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    const { items, next } = page(groupsOf(pool, user), input.Limit, input.NextToken);
    return { Groups: items.map((g) => groupType(pool, g)), ...(next ? { NextToken: next } : {}) };
  };
