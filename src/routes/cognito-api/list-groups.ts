import { groupType } from '../../cognito/groups.js';
import { page } from '../../cognito/pages.js';
import { queryLimitProblems } from './query-limit.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `ListGroups`: the pool's groups by name, `Limit` (≤ 60, default 60) at a time with an opaque `NextToken`. */
export const listGroups =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Limit: 'integer?', NextToken: 'string?' });
    const problems = queryLimitProblems('limit', input.Limit);
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const sorted = [...pool.groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { items, next } = page(sorted, input.Limit, input.NextToken);
    return { Groups: items.map((g) => groupType(pool, g)), ...(next ? { NextToken: next } : {}) };
  };
