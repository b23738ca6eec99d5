import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `DeleteUserPool`: the pool goes with its keys (its JWKS is gone), clients, users, groups,
 * sign-ins, codes and SRP verifiers. Refused, as Cognito refuses it, while DeletionProtection is
 * ACTIVE or the pool has a domain; and refused for the server's default pool, which mock-idp needs
 * (the root JWKS and discovery document are its). Other configured pools can be deleted;
 * POST /_mock/reset brings them back.
 */
export const deleteUserPool =
  ({ directory, keyRing, signIns, codes, srp }: Pick<CognitoApiDeps, 'directory' | 'keyRing' | 'signIns' | 'codes' | 'srp'>): Handler =>
  async (body, { log }) => {
    const { UserPoolId } = readInput(body, { UserPoolId: 'string' });
    const pool = poolById(directory, UserPoolId);
    if (pool.settings.DeletionProtection === 'ACTIVE') {
      throw new CognitoError('InvalidParameterException', 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');
    }
    if (pool.domain) {
      throw new CognitoError('InvalidParameterException', `The user pool cannot be deleted because it has a domain (${pool.domain.domain}): delete the domain first (DeleteUserPoolDomain).`);
    }
    if (pool.id === directory.defaultPoolId) {
      throw new CognitoError(
        'InvalidParameterException',
        `The user pool ${pool.id} is mock-idp's default pool (the root JWKS and discovery document are its) and cannot be deleted; choose another default pool in the config to delete this one.`,
      );
    }
    directory.removePool(pool.id);
    keyRing.removePool(pool.id);
    signIns.forgetPool(pool.id);
    codes.forgetPool(pool.id);
    srp.forgetPool(pool.id);
    log.info({ pool: pool.id }, 'Cognito user pool deleted');
    return {};
  };
