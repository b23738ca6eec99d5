import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { parseAuthorizeRequest, redirectWith } from './authorize-request.js';
import { sendOAuthError } from './error-format.js';
import { issueUserTokens } from './issue-tokens.js';
import { readCookie, sessionCookieName } from './session-cookie.js';

type Deps = Pick<Services, 'directory' | 'signIns' | 'urls' | 'authorizationCodes' | 'hostedUiSessions'>;

/**
 * `GET /oauth2/authorize`: without a hosted-UI session for the client, a 302
 * to `/login` with the same query; with one, a code (`?code=…&state=…`) or,
 * for `response_type=token`, tokens in the fragment (never a refresh token).
 */
export async function authorizeRoute(app: FastifyInstance, deps: Deps) {
  const { directory, signIns, urls, authorizationCodes, hostedUiSessions } = deps;

  app.get('/oauth2/authorize', async (request, reply) => {
    const parsed = parseAuthorizeRequest(request, directory);
    if (parsed.kind === 'page') return sendOAuthError(request, reply, parsed.error);
    if (parsed.kind === 'redirect') return reply.redirect(parsed.location, 302);
    const { pool, client, redirectUri, state, scopes, nonce } = parsed.request;

    const session = hostedUiSessions.find(readCookie(request, sessionCookieName(pool.id, client.id)), pool.id, client.id);
    const user = session && directory.findUser(pool, session.username);
    if (!session || !user?.enabled) return reply.redirect(`${urls.base}/login?${parsed.request.query}`, 302);

    if (parsed.request.responseType === 'code') {
      const code = authorizationCodes.issue({
        poolId: pool.id,
        clientId: client.id,
        username: user.username,
        redirectUri,
        scopes,
        nonce,
        codeChallenge: parsed.request.codeChallenge,
        authTime: session.authTime,
      });
      return reply.redirect(redirectWith(redirectUri, { code, state }), 302);
    }
    const tokens = await issueUserTokens(signIns, { pool, client, user, scopes, nonce, authTime: session.authTime, withRefreshToken: false });
    const fragment = { id_token: tokens.IdToken, access_token: tokens.AccessToken, token_type: tokens.TokenType, expires_in: tokens.ExpiresIn, state };
    return reply.redirect(redirectWith(redirectUri, fragment, 'fragment'), 302);
  });
}
