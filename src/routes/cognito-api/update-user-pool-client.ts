import { clientFields, checkClientName, clientRequestSpec } from '../../cognito/client-request.js';
import { userPoolClientType } from '../../cognito/client-description.js';
import { secretValues } from '../../cognito/client-secrets.js';
import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `UpdateUserPoolClient`, with Cognito's semantics: every member the request leaves out goes back to
 * its default (the API reference's warning), except the name, which stays when not given. The
 * client's id and secrets do not change.
 */
export const updateUserPoolClient =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { ...clientRequestSpec, ClientId: 'string', ClientName: 'string?' });
    if (input.ClientName !== undefined) checkClientName(input.ClientName);
    const { pool, client } = clientOfPool(directory, input.UserPoolId, input.ClientId);
    const fields = clientFields(pool, input, { confidential: secretValues(client).length > 0, verb: 'updating' });
    Object.assign(client, fields, { name: input.ClientName ?? client.name, modifiedAt: clock.now() });
    return { UserPoolClient: userPoolClientType(pool, client) };
  };
