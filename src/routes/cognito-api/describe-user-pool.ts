import { poolById } from '../../cognito/lookups.js';
import { userPoolType } from '../../cognito/pool-description.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `DescribeUserPool`: the pool's `UserPoolType`: id, name, ARN, dates, estimated user count, its
 * settings under Cognito's names, and `Domain` when it has one. Configured pools describe with the defaults.
 */
export const describeUserPool =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { UserPoolId } = readInput(body, { UserPoolId: 'string' });
    return { UserPool: userPoolType(poolById(directory, UserPoolId)) };
  };
