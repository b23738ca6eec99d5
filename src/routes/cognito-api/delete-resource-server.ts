import { existingResourceServer, readIdentifier } from './resource-server-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DeleteResourceServer`: its scopes are granted no more (app clients that allow them keep the names). */
export const deleteResourceServer =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readIdentifier(body);
    const { pool, server } = existingResourceServer(directory, input.UserPoolId, input.Identifier);
    pool.resourceServers.splice(pool.resourceServers.indexOf(server), 1);
    return {};
  };
