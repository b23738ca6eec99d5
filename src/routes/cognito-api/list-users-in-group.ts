import { existingGroup, groupMemberProblems } from '../../cognito/groups.js';
import { page } from '../../cognito/pages.js';
import { queryLimitProblems } from './query-limit.js';
import { poolById } from '../../cognito/lookups.js';
import { userType } from '../../cognito/user-attributes.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `ListUsersInGroup`: the group's members as UserType, in pool order, `Limit` (≤ 60, default 60) at a time with an opaque `NextToken`. */
export const listUsersInGroup =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', GroupName: 'string', Limit: 'integer?', NextToken: 'string?' });
    const problems = [...groupMemberProblems(input), ...queryLimitProblems('limit', input.Limit)];
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const group = existingGroup(pool, input.GroupName);
    const members = pool.users.filter((u) => u.groups.includes(group.name));
    const { items, next } = page(members, input.Limit, input.NextToken);
    return { Users: items.map((u) => userType(u, dates.of(u))), ...(next ? { NextToken: next } : {}) };
  };
