import type { FastifyInstance } from 'fastify';
import { AppServicesError } from '../../app-services/errors.js';
import type { AppServices } from '../../app-services/service.js';
import type { PublicUrls } from '../../urls.js';
import { sendAppServicesError, sendJson } from '../../app-services/error-format.js';

/**
 * The App Services client API that realm-web calls (its routes are in
 * https://github.com/realm/realm-js/tree/main/packages/realm-web/src), under
 * `/api/client/v2.0`, with its own error format and CORS.
 */
export async function appServicesRoutes(app: FastifyInstance, { appServices, urls }: { appServices: AppServices; urls: PublicUrls }) {
  const link = () => `${urls.base}/_mock/app-services/apps`;

  app.setErrorHandler((error, request, reply) => sendAppServicesError(request, reply, error, link()));
  app.setNotFoundHandler((request, reply) => sendAppServicesError(request, reply, new AppServicesError('NotFound', `no route ${request.method} ${request.url.split('?')[0]}`), link()));

  // Browser apps call from another origin, with Authorization and Content-Type: answer the preflight and allow the call.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', request.headers.origin ?? '*').header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply
        .header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS')
        .header('access-control-allow-headers', 'Authorization, Content-Type, Accept')
        .header('access-control-max-age', '600')
        .status(204)
        .send();
    }
  });
  app.options('/*', async (_request, reply) => reply.status(204).send());

  app.get<{ Params: { appId: string } }>('/app/:appId/location', async (request, reply) => sendJson(reply, appServices.location(request.params.appId)));

  app.post<{ Params: { appId: string; provider: string } }>('/app/:appId/auth/providers/:provider/login', async (request, reply) => {
    if (request.params.provider !== 'custom-token') {
      appServices.app(request.params.appId);
      throw new AppServicesError('AuthProviderNotFound', `authentication provider '${request.params.provider}' is not supported by mock-idp (only custom-token)`);
    }
    const result = await appServices.login(request.params.appId, request.body);
    request.log.info({ appId: request.params.appId, userId: result.user_id }, 'App Services login');
    return sendJson(reply, result);
  });

  app.get('/auth/profile', async (request, reply) => sendJson(reply, await appServices.profile(request.headers.authorization)));
  app.post('/auth/session', async (request, reply) => sendJson(reply, await appServices.refresh(request.headers.authorization), 201));
  app.delete('/auth/session', async (request, reply) => {
    await appServices.logout(request.headers.authorization);
    return reply.status(204).send();
  });
}
