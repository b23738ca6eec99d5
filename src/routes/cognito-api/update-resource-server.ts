import { existingResourceServer, readResourceServer, resourceServerType } from './resource-server-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `UpdateResourceServer`: replaces the name and the scopes (scopes left out are
 * removed, as in Cognito); the identifier stays. A removed scope is granted no more.
 */
export const updateResourceServer =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { UserPoolId, server: update } = readResourceServer(body);
    const { pool, server } = existingResourceServer(directory, UserPoolId, update.identifier);
    server.name = update.name;
    server.scopes = update.scopes;
    return { ResourceServer: resourceServerType(pool, server) };
  };
