import { addClientSecret, maxClientSecrets, newClientSecretValue, secretDescriptor } from '../../cognito/client-secrets.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientOfPool } from '../../cognito/lookups.js';
import { checkCustomSecret } from './create-user-pool-client.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AddUserPoolClientSecret`: another secret for a confidential client (at most two), given or
 * generated; the generated value is in the answer, a given one is not.
 */
export const addUserPoolClientSecret =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string', ClientSecret: 'string?' });
    if (input.ClientSecret !== undefined) checkCustomSecret(input.ClientSecret);
    const { client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    if (client.secrets.length === 0) throw new CognitoError('InvalidParameterException', `Client ${client.id} has no secret: secrets can be added to a confidential client only`);
    if (client.secrets.length >= maxClientSecrets) {
      throw new CognitoError('LimitExceededException', `Client ${client.id} already has ${maxClientSecrets} secrets; delete one first`);
    }
    const secret = addClientSecret(client, input.ClientSecret ?? newClientSecretValue(), clock.now());
    return { ClientSecretDescriptor: secretDescriptor(secret, input.ClientSecret === undefined) };
  };
