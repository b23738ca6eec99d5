import { page } from '../../cognito/pages.js';
import { userPoolDescription } from '../../cognito/pool-description.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ListUserPools`: every pool (configured ones first, then those created, in creation order),
 * `MaxResults` (1–60, required) at a time with an opaque `NextToken`.
 */
export const listUserPools =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { MaxResults: 'integer', NextToken: 'string?' });
    if (input.MaxResults < 1 || input.MaxResults > 60) {
      throw validationError([
        `Value '${input.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${input.MaxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 60'}`,
      ]);
    }
    const { items, next } = page(directory.pools(), input.MaxResults, input.NextToken);
    return { UserPools: items.map(userPoolDescription), ...(next ? { NextToken: next } : {}) };
  };
