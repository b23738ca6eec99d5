import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { noPagesYet, paginationTokenProblems, queryLimitProblems, refuse } from './query-limit.js';

/** `AdminListDevices`: ListDevices for a user named by the administrator (always empty here). */
export const adminListDevices =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', Limit: 'integer?', PaginationToken: 'string?' });
    refuse([...queryLimitProblems('limit', input.Limit), ...paginationTokenProblems('paginationToken', input.PaginationToken)]);
    existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    noPagesYet(input.PaginationToken);
    return { Devices: [] };
  };
