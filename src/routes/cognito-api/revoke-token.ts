import { tokenRevocationEnabled } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { checkClientSecret } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `RevokeToken`: the refresh token's sign-in ends; its refresh token and access
 * tokens stop working (the JWTs still verify offline). Unknown tokens are ignored.
 * UnsupportedOperationException for a client with EnableTokenRevocation false.
 */
export const revokeToken =
  ({ directory, signIns }: Pick<CognitoApiDeps, 'directory' | 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { Token: 'string', ClientId: 'string', ClientSecret: 'string?' });
    const { client } = clientById(directory, input.ClientId);
    checkClientSecret(client, input.ClientSecret);
    if (!tokenRevocationEnabled(client)) throw new CognitoError('UnsupportedOperationException', `Token revocation is not enabled for client ${client.id}`);
    await signIns.revoke(input.Token, client);
    return {};
  };
