import { clientById } from '../../cognito/lookups.js';
import { checkClientSecret } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `GetTokensFromRefreshToken` (Amplify v6's refresh): new ID and access tokens
 * of the same sign-in; with refresh token rotation also a new refresh token
 * (expiring with the one used), and the one used stops working once the client's
 * RetryGracePeriodSeconds are over (RefreshTokenReuseException, which the
 * botocore model lists for this operation).
 */
export const getTokensFromRefreshToken =
  ({ directory, signIns }: Pick<CognitoApiDeps, 'directory' | 'signIns'>): Handler =>
  async (body, { awsSdkVersion }) => {
    const input = readInput(body, { RefreshToken: 'string', ClientId: 'string', ClientSecret: 'string?', DeviceKey: 'string?', ClientMetadata: 'stringMap?' });
    const { client } = clientById(directory, input.ClientId);
    checkClientSecret(client, input.ClientSecret);
    const { pool, user, session, scope } = await signIns.refreshSession(input.RefreshToken, client);
    return {
      AuthenticationResult: await signIns.issue({
        pool,
        client,
        user,
        session,
        scope,
        withRefreshToken: client.refreshTokenRotation,
        source: 'TokenGeneration_RefreshTokens',
        clientMetadata: input.ClientMetadata,
        awsSdkVersion,
      }),
    };
  };
