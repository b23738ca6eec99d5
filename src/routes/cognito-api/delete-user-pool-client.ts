import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DeleteUserPoolClient`: the client is gone; its refresh tokens no longer refresh and its id no longer signs in. */
export const deleteUserPoolClient =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string' });
    const { pool, client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    pool.clients.splice(pool.clients.indexOf(client), 1);
    return {};
  };
