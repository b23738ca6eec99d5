import { CognitoError } from '../../cognito/errors.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import type { Client } from '../../directory/directory.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import type { AuthResponse } from './sign-in-outcome.js';

/**
 * REFRESH_TOKEN_AUTH (alias REFRESH_TOKEN) in InitiateAuth and AdminInitiateAuth:
 * new ID and access tokens of the same sign-in (origin_jti, auth_time), no new
 * refresh token. Refused for clients with refresh token rotation, as Cognito does.
 */
export async function refreshTokenAuth(
  { signIns }: Pick<CognitoApiDeps, 'signIns'>,
  client: Client,
  params: Record<string, string> | undefined,
  context: Pick<OperationContext, 'awsSdkVersion'>,
): Promise<AuthResponse> {
  if (client.refreshTokenRotation) {
    throw new CognitoError('InvalidParameterException', `REFRESH_TOKEN_AUTH is not allowed for client ${client.id}: it has refresh token rotation enabled; use GetTokensFromRefreshToken`);
  }
  const token = requiredParameter(params, 'REFRESH_TOKEN');
  const { pool, user, session, scope } = await signIns.refreshSession(token, client);
  // The secret hash of a refresh is over the user's username (or its sub, which clients of email-as-username pools use).
  checkSecretHash(client, [user.username, user.sub, ...(params?.USERNAME ? [params.USERNAME] : [])], params?.SECRET_HASH);
  return {
    ChallengeParameters: {},
    AuthenticationResult: await signIns.issue({
      pool,
      client,
      user,
      session,
      scope,
      withRefreshToken: false,
      source: 'TokenGeneration_RefreshTokens',
      awsSdkVersion: context.awsSdkVersion,
    }),
  };
}
