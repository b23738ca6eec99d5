import { ownDomain } from '../../cognito/domains.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DeleteUserPoolDomain`: the pool's domain is free for any pool again. */
export const deleteUserPoolDomain =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Domain: 'string' });
    const pool = poolById(directory, input.UserPoolId);
    ownDomain(pool, input.Domain);
    pool.domain = null;
    return {};
  };
