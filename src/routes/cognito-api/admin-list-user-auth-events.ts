import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { noPagesYet, paginationTokenProblems, queryLimitProblems, refuse } from './query-limit.js';

/**
 * `AdminListUserAuthEvents`: the user's sign-in history as threat protection records it.
 * Auth events are not recorded here, so the list is always empty; the pool, the user and
 * the paging members are checked as Cognito checks them.
 */
export const adminListUserAuthEvents =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', MaxResults: 'integer?', NextToken: 'string?' });
    refuse([
      ...queryLimitProblems('maxResults', input.MaxResults),
      ...paginationTokenProblems('nextToken', input.NextToken),
      ...(input.NextToken !== undefined && input.NextToken.length > 131_072 ? ["Value at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 131072"] : []),
    ]);
    existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    noPagesYet(input.NextToken);
    return { AuthEvents: [] };
  };
