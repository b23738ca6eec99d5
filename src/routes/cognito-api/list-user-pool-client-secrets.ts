import { secretDescriptor } from '../../cognito/client-secrets.js';
import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `ListUserPoolClientSecrets`: the ids and creation dates of the client's secrets, never their values; one page. */
export const listUserPoolClientSecrets =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string', NextToken: 'string?' });
    const { client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    return { ClientSecrets: client.secrets.map((s) => secretDescriptor(s, false)) };
  };
