import { page } from '../../cognito/pages.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { paginationTokenProblems } from './query-limit.js';
import { resourceServerType } from './resource-server-input.js';

/** `ListResourceServers`: the pool's resource servers in creation order, `MaxResults` (1–50, default 50) at a time. */
export const listResourceServers =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', MaxResults: 'integer?', NextToken: 'string?' });
    const max = input.MaxResults;
    const problems = paginationTokenProblems('nextToken', input.NextToken);
    if (max !== undefined && (max < 1 || max > 50)) {
      problems.unshift(`Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value ${max < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`);
    }
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    const { items, next } = page(pool.resourceServers, max ?? 50, input.NextToken);
    return { ResourceServers: items.map((rs) => resourceServerType(pool, rs)), ...(next ? { NextToken: next } : {}) };
  };
