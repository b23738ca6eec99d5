import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { noPagesYet, paginationTokenProblems, queryLimitProblems, refuse } from './query-limit.js';

/**
 * `ListDevices`: the access token's user's remembered devices. Device tracking is not
 * emulated, so the list is always empty; the token and the paging members are checked as
 * Cognito checks them.
 */
export const listDevices =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', Limit: 'integer?', PaginationToken: 'string?' });
    refuse([...queryLimitProblems('limit', input.Limit), ...paginationTokenProblems('paginationToken', input.PaginationToken)]);
    await userOfAccessToken(signIns, input.AccessToken);
    noPagesYet(input.PaginationToken);
    return { Devices: [] };
  };
