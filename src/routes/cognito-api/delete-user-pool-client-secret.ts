import { deleteClientSecret } from '../../cognito/client-secrets.js';
import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `DeleteUserPoolClientSecret`: the secret stops working at once; a client's last secret cannot be deleted. */
export const deleteUserPoolClientSecret =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string', ClientSecretId: 'string' });
    const { client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    deleteClientSecret(client, input.ClientSecretId);
    return {};
  };
