import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorizeRoute } from './authorize.js';
import { sendOAuthError } from './error-format.js';
import { loginPageRoutes } from './login-page.js';
import { logoutRoute } from './logout.js';
import { parseForm } from './params.js';
import { revokeRoute } from './revoke.js';
import { tokenRoute } from './token.js';
import { userInfoRoute } from './userinfo.js';

/**
 * Cognito's hosted UI and OAuth2 endpoints (reference/cognito.md §4), on the
 * server's public URL as a user pool domain would serve them: form bodies,
 * OAuth2 error bodies (HTML pages for what a browser shows), one file per
 * endpoint.
 */
export async function oauth2Routes(app: FastifyInstance, services: Services) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
  app.setErrorHandler((error, request, reply) => sendOAuthError(request, reply, error));

  app.register(authorizeRoute, services);
  app.register(loginPageRoutes, services);
  app.register(tokenRoute, services);
  app.register(userInfoRoute, services);
  app.register(revokeRoute, services);
  app.register(logoutRoute, services);
}
