import { clientFields, checkClientName, clientRequestSpec } from '../../cognito/client-request.js';
import { userPoolClientType } from '../../cognito/client-description.js';
import { newClientId, newClientSecretValue } from '../../cognito/client-secrets.js';
import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import type { Client } from '../../directory/pool.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CreateUserPoolClient`: a new app client with Cognito's defaults for what the request leaves out;
 * `GenerateSecret: true` (or a `ClientSecret` of 24–64 characters) makes it confidential.
 */
export const createUserPoolClient =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { ...clientRequestSpec, ClientName: 'string', GenerateSecret: 'boolean?', ClientSecret: 'string?' });
    checkClientName(input.ClientName);
    if (input.GenerateSecret && input.ClientSecret !== undefined) {
      throw new CognitoError('InvalidParameterException', 'You cannot specify both GenerateSecret as true and a ClientSecret');
    }
    if (input.ClientSecret !== undefined) checkCustomSecret(input.ClientSecret);
    const pool = poolById(directory, input.UserPoolId);
    const secret = input.ClientSecret ?? (input.GenerateSecret ? newClientSecretValue() : null);
    const fields = clientFields(pool, input, { confidential: secret !== null, verb: 'creating' });
    const now = clock.now();
    let id = newClientId();
    while (directory.findClient(id)) id = newClientId();
    const client: Client = {
      id,
      name: input.ClientName,
      secret,
      ...fields,
      claimRules: {},
      secrets: secret === null ? [] : [{ id: `${id}--${now}`, value: secret, createdAt: now }],
      createdAt: now,
      modifiedAt: now,
    };
    pool.clients.push(client);
    return { UserPoolClient: userPoolClientType(pool, client) };
  };

/** A client secret given by the caller: 24–64 characters of `[\w+]` (CreateUserPoolClient, AddUserPoolClientSecret). */
export function checkCustomSecret(secret: string): void {
  if (secret.length < 24 || secret.length > 64 || !/^[\w+]+$/.test(secret)) {
    throw new CognitoError(
      'InvalidParameterException',
      "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must have length between 24 and 64 and satisfy regular expression pattern: [\\w+]+",
    );
  }
}
