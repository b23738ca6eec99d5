import { poolById } from '../../cognito/lookups.js';
import { checkPoolName, settingsFromUpdate } from '../../cognito/pool-settings.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `UpdateUserPool`, with Cognito's semantics: the updatable members given replace the pool's, and
 * those left out go back to their defaults. The schema and UsernameAttributes / AliasAttributes are
 * not in its input and stay. `PoolName` renames the pool when given.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
 */
export const updateUserPool =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const { UserPoolId } = readInput(body, { UserPoolId: 'string' });
    const name = body.PoolName === undefined || body.PoolName === null ? undefined : checkPoolName(body.PoolName);
    const pool = poolById(directory, UserPoolId);
    const settings = settingsFromUpdate(pool.settings, body);
    pool.settings = settings;
    if (name !== undefined) pool.name = name;
    pool.modifiedAt = clock.now();
    return {};
  };
