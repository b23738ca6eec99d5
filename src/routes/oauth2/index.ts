import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorizeRoute } from './authorize.js';
import { allowCrossOrigin } from './cors.js';
import { sendOAuthError } from './error-format.js';
import { loginPageRoutes } from './login-page.js';
import { logoutRoute } from './logout.js';
import { parseForm } from './params.js';
import { revokeRoute } from './revoke.js';
import { tokenRoute } from './token.js';
import { userInfoRoute } from './userinfo.js';

/**
 * Cognito's hosted UI and OAuth2 endpoints
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html), on the
 * server's public URL as a user pool domain would serve them: form bodies,
 * OAuth2 error bodies (HTML pages for what a browser shows), one file per
 * endpoint. Browser apps on other origins may call the token, userInfo and
 * revocation endpoints (CORS, see cors.ts); the pages get no CORS.
 */
export async function oauth2Routes(app: FastifyInstance, services: Services) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
  app.setErrorHandler((error, request, reply) => sendOAuthError(request, reply, error));
  // With a state dir, a sign-in the token endpoint made (or a revocation) is answered only once saved.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && reply.statusCode < 400 && (request.url.startsWith('/oauth2/token') || request.url.startsWith('/oauth2/revoke'))) {
      await services.state.save();
    }
    return payload;
  });
  allowCrossOrigin(app);

  app.register(authorizeRoute, services);
  app.register(loginPageRoutes, services);
  app.register(tokenRoute, services);
  app.register(userInfoRoute, services);
  app.register(revokeRoute, services);
  app.register(logoutRoute, services);
}
