import type { FastifyInstance } from 'fastify';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Services } from '../../services.js';
import { sendOAuthError } from './error-format.js';
import { rawQuery, readQuery } from './params.js';
import { clearSessionCookie, readCookie, sessionCookieName } from './session-cookie.js';

/**
 * `GET /logout`: ends the client's hosted-UI session and clears its cookie,
 * then either `client_id` + `logout_uri` (one of the client's logout URLs) →
 * 302 to `logout_uri`, or `client_id` + `redirect_uri` + `response_type` →
 * 302 to `/login` with the same query, to sign in again.
 */
export async function logoutRoute(app: FastifyInstance, { directory, urls, hostedUiSessions }: Pick<Services, 'directory' | 'urls' | 'hostedUiSessions'>) {
  app.get('/logout', async (request, reply) => {
    const params = readQuery(request);
    const found = params.client_id ? directory.findClient(params.client_id) : undefined;
    if (!found) return sendOAuthError(request, reply, new OAuthError('invalid_request', 'client_id is missing or unknown'));
    const { pool, client } = found;
    let location: string;
    if (params.logout_uri !== undefined) {
      if (!client.logoutUrls.includes(params.logout_uri)) {
        return sendOAuthError(request, reply, new OAuthError('redirect_mismatch', "logout_uri is not one of the client's sign-out URLs"));
      }
      location = params.logout_uri;
    } else if (params.redirect_uri !== undefined && params.response_type !== undefined) {
      if (!client.callbackUrls.includes(params.redirect_uri)) {
        return sendOAuthError(request, reply, new OAuthError('redirect_mismatch', "redirect_uri is not one of the client's callback URLs"));
      }
      location = `${urls.base}/login?${rawQuery(request)}`;
    } else {
      return sendOAuthError(request, reply, new OAuthError('invalid_request', 'logout_uri, or redirect_uri and response_type, are required'));
    }
    const name = sessionCookieName(pool.id, client.id);
    hostedUiSessions.end(readCookie(request, name));
    clearSessionCookie(request, reply, name);
    return reply.redirect(location, 302);
  });
}
