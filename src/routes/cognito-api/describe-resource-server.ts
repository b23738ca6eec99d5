import { existingResourceServer, readIdentifier, resourceServerType } from './resource-server-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DescribeResourceServer`: its name and scopes. */
export const describeResourceServer =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readIdentifier(body);
    const { pool, server } = existingResourceServer(directory, input.UserPoolId, input.Identifier);
    return { ResourceServer: resourceServerType(pool, server) };
  };
