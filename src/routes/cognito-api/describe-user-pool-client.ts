import { userPoolClientType } from '../../cognito/client-description.js';
import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DescribeUserPoolClient`: the client's `UserPoolClientType`, secret included. */
export const describeUserPoolClient =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string' });
    const { pool, client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    return { UserPoolClient: userPoolClientType(pool, client) };
  };
