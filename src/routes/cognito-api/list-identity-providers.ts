import { page } from '../../cognito/pages.js';
import { poolById } from '../../cognito/lookups.js';
import { providerDescription } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { paginationTokenProblems, queryLimitProblems, refuse } from './query-limit.js';

/** `ListIdentityProviders`: the pool's providers in creation order, `MaxResults` (0–60; 0 or none: 60) at a time. */
export const listIdentityProviders =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', MaxResults: 'integer?', NextToken: 'string?' });
    refuse([...queryLimitProblems('maxResults', input.MaxResults), ...paginationTokenProblems('nextToken', input.NextToken)]);
    const pool = poolById(directory, input.UserPoolId);
    const { items, next } = page(pool.identityProviders, input.MaxResults, input.NextToken);
    return { Providers: items.map(providerDescription), ...(next ? { NextToken: next } : {}) };
  };
