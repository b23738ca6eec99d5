import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { readResourceServer, resourceServerType } from './resource-server-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CreateResourceServer`: an OAuth 2.0 resource server whose scopes
 * `{Identifier}/{ScopeName}` app clients can then allow, and the
 * client_credentials grant and /oauth2/authorize then grant.
 */
export const createResourceServer =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { UserPoolId, server } = readResourceServer(body);
    const pool = poolById(directory, UserPoolId);
    if (pool.resourceServers.some((rs) => rs.identifier === server.identifier)) {
      throw new CognitoError('InvalidParameterException', `${server.identifier} already exists in user pool ${pool.id}.`);
    }
    pool.resourceServers.push(server);
    return { ResourceServer: resourceServerType(pool, server) };
  };
