import type { FastifyInstance } from 'fastify';
import { FederatedSignIns } from '../../cognito/federation-sign-ins.js';
import type { Services } from '../../services.js';
import { parseAuthorizeRequest, redirectWith } from './authorize-request.js';
import { sendOAuthError } from './error-format.js';
import { idpResponseRoute, startFederatedSignIn, type FederationDeps } from './idpresponse.js';
import { issueUserTokens } from './issue-tokens.js';
import { readCookie, sessionCookieName } from './session-cookie.js';

type Deps = Pick<Services, 'directory' | 'signIns' | 'urls' | 'authorizationCodes' | 'hostedUiSessions'> & FederationDeps;

/**
 * `GET /oauth2/authorize`: without a hosted-UI session for the client, a 302
 * to `/login` with the same query; with one, a code (`?code=…&state=…`) or,
 * for `response_type=token`, tokens in the fragment (never a refresh token).
 * With `identity_provider` or `idp_identifier` naming an OIDC provider: a 302 to that provider, whose
 * answer comes back to `/oauth2/idpresponse` (see idpresponse.ts).
 */
export async function authorizeRoute(app: FastifyInstance, deps: Deps) {
  const { directory, signIns, urls, authorizationCodes, hostedUiSessions } = deps;
  const federation = new FederatedSignIns({ clock: deps.clock });
  app.register(idpResponseRoute, { ...deps, federation });

  app.get('/oauth2/authorize', async (request, reply) => {
    const parsed = parseAuthorizeRequest(request, directory);
    if (parsed.kind === 'page') return sendOAuthError(request, reply, parsed.error);
    if (parsed.kind === 'redirect') return reply.redirect(parsed.location, 302);
    const { pool, client, redirectUri, state, scopes, nonce } = parsed.request;
    const federated = await startFederatedSignIn(reply, parsed.request, federation, urls.base);
    if (federated) return federated;

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
