import type { FastifyInstance } from 'fastify';
import { tokenRevocationEnabled } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Services } from '../../services.js';
import { authenticateClient } from './client-auth.js';
import { readForm } from './params.js';

/**
 * `POST /oauth2/revoke`: `token=<refresh token>` revokes that sign-in (its
 * refresh and access tokens). 200 with an empty body, also for an unknown or
 * already revoked token; a JWT is unsupported_token_type; a refresh token of
 * another client is invalid_grant; client authentication failures are 401.
 */
export async function revokeRoute(app: FastifyInstance, { directory, signIns }: Pick<Services, 'directory' | 'signIns'>) {
  app.post('/oauth2/revoke', async (request, reply) => {
    const form = readForm(request);
    const { client } = authenticateClient(request, form, directory, 401);
    const token = form.token;
    if (!token) throw new OAuthError('invalid_request', 'token is required');
    if (!tokenRevocationEnabled(client)) throw new OAuthError('invalid_request', 'Token revocation is not enabled for this client');
    // Access and ID tokens are JWTs (3 parts); refresh tokens are JWEs (5 parts).
    if (token.split('.').length === 3) throw new OAuthError('unsupported_token_type', 'Only refresh tokens can be revoked');
    try {
      await signIns.revoke(token, client);
    } catch (error) {
      if (error instanceof CognitoError) throw new OAuthError('invalid_grant', 'The refresh token was issued to another client');
      throw error;
    }
    request.log.info({ client: client.id }, 'refresh token revoked');
    return reply.status(200).header('cache-control', 'no-store').send();
  });
}
