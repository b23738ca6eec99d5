import { newPoolId, userPoolType } from '../../cognito/pool-description.js';
import { checkPoolName, settingsFromCreate } from '../../cognito/pool-settings.js';
import type { Pool } from '../../directory/pool.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CreateUserPool`: a full pool in the server's region (the default pool's), with its own ID and
 * access signing keys, its JWKS, discovery document and issuer, and the settings the request gives
 * over Cognito's defaults. Answered once the pool can sign; the keys are made off the event loop,
 * so other pools' JWKS keep answering meanwhile.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export const createUserPool =
  ({ directory, keyRing, clock }: Pick<CognitoApiDeps, 'directory' | 'keyRing' | 'clock'>): Handler =>
  async (body, { log }) => {
    const name = checkPoolName(body.PoolName);
    const settings = settingsFromCreate(body);
    const region = directory.pool().region;
    const id = newPoolId(region, (candidate) => directory.pools().some((p) => p.id === candidate) || keyRing.pools.includes(candidate));
    try {
      await keyRing.addPool(id);
    } catch (error) {
      keyRing.removePool(id);
      throw error;
    }
    const now = clock.now();
    const pool: Pool = {
      id,
      region,
      name,
      origin: 'api',
      clients: [],
      users: [],
      claimRules: {},
      settings,
      groups: [],
      domain: null,
      resourceServers: [],
      identityProviders: [],
      createdAt: now,
      modifiedAt: now,
    };
    directory.addPool(pool);
    log.info({ pool: id, name }, 'Cognito user pool created');
    return { UserPool: userPoolType(pool) };
  };
