import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { MockIdpConfig } from './config/types.js';
import { errorHandling } from './plugins/error-handler.js';
import { appServicesRoutes } from './routes/app-services/index.js';
import { cognitoApiRoutes } from './routes/cognito-api/index.js';
import { controlApi } from './routes/control/index.js';
import { healthRoutes } from './routes/health.js';
import { oauth2Routes } from './routes/oauth2/index.js';
import { pageRoutes } from './routes/page/index.js';
import { wellKnownRoutes } from './routes/well-known.js';
import type { Services } from './services.js';

export interface BuildAppOptions {
  /** Fastify's logger option; default: JSON logs at `config.logLevel`, without a line per request. */
  logger?: FastifyServerOptions['logger'];
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string; key: string } | undefined;
}

/**
 * The whole server, as a table of contents. Returns a Fastify instance that
 * does not listen: the CLI and `startMockIdp` listen, tests use `inject()`.
 *
 * @example
 * const app = buildApp(config, await createServices(loaded));
 * const res = await app.inject({ url: '/.well-known/jwks.json' });
 */
export function buildApp(config: MockIdpConfig, services: Services, options: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ?? { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    // Reject what the schema does not name instead of dropping it, and never coerce types.
    ajv: { customOptions: { allowUnionTypes: true, removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
  }) as unknown as FastifyInstance;

  // An empty body with `Content-Type: application/json` means "no fields": clients (realm-web, curl -X POST) send it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, {});
    return parseJson(request, text, done);
  });

  // Bodies are JSON unless a surface adds its own parser (form posts, AWS JSON); text/plain is a 415.
  app.removeContentTypeParser('text/plain');
  // A POST without a body means "no fields", so `curl -X POST …/_mock/keys/rotate` rotates everything.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });

  app.register(errorHandling);
  app.register(healthRoutes, services);
  app.register(wellKnownRoutes, services);
  app.register(oauth2Routes, services);
  app.register(cognitoApiRoutes, services);
  app.register(controlApi, { ...services, prefix: '/_mock' });
  app.register(appServicesRoutes, { appServices: services.appServices, urls: services.urls, prefix: '/api/client/v2.0' });
  app.register(pageRoutes);
  return app;
}
