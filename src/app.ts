import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { MockIdpConfig } from './config/types.js';
import { errorHandling } from './plugins/error-handler.js';
import { lazyChildLoggerFactory } from './plugins/lazy-child-logger.js';
import { lazySerializerBuilder } from './plugins/lazy-serializer-compiler.js';
import { lazyValidatorCompiler } from './plugins/lazy-validator-compiler.js';
import { frameworkErrorHandler } from './plugins/framework-errors.js';
import { appServicesRoutes } from './routes/app-services/index.js';
import { cognitoApiRoutes } from './routes/cognito-api/index.js';
import { controlApi } from './routes/control/index.js';
import { healthRoutes } from './routes/health.js';
import { oauth2Routes } from './routes/oauth2/index.js';
import { pageRoutes } from './routes/page/index.js';
import { wellKnownRoutes } from './routes/well-known.js';
import { hostCheck } from './security/host-check.js';
import { jsonTextTooDeep, maxBodyDepth } from './security/json-depth.js';
import { MockIdpError } from './errors.js';
import type { Services } from './services.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route waits for what it needs itself instead of for every service (the JWKS waits only for its pool's keys). */
    ownReadiness?: boolean;
  }
}

export interface BuildAppOptions {
  /** Fastify's logger option; default: JSON logs at `config.logLevel`, without a line per request. */
  logger?: FastifyServerOptions['logger'];
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string; key: string } | undefined;
  /**
   * Test-only: sees every response body the server sends, on every surface
   * (the test helpers use it to assert that no private key material ever leaves).
   */
  inspectResponse?: ResponseInspector | undefined;
}

/** A response as {@link BuildAppOptions.inspectResponse} sees it. */
export interface InspectedResponse {
  method: string;
  url: string;
  statusCode: number;
  contentType: string;
  /** The body as text (streams are not inspected). */
  body: string;
}

export type ResponseInspector = (response: InspectedResponse) => void;

/**
 * The whole server, as a table of contents. Returns a Fastify instance that
 * does not listen: the CLI and `startMockIdp` listen, tests use `inject()`.
 *
 * @example
 * const app = buildApp(config, await createServices(loaded));
 * const res = await app.inject({ url: '/.well-known/jwks.json' });
 */
export function buildApp(config: MockIdpConfig, services: Services, options: BuildAppOptions = {}): FastifyInstance {
  const limits = serverLimits(config);
  const app = Fastify({
    // Node's http server options (https.createServer takes them with the TLS options).
    ...(options.https ? { https: { ...options.https, ...limits.node } } : { http: limits.node }),
    requestTimeout: limits.node.requestTimeout,
    // No idle timeout on a request's socket: a request may wait for the server to be ready (an embedded
    // mongod downloading) longer than it takes to send one. Between requests Node applies keepAliveTimeout.
    connectionTimeout: 0,
    logger: options.logger ?? { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    // Router errors (a path parameter over 100 characters, bad percent-encoding) in the format of their surface.
    frameworkErrors: frameworkErrorHandler({ adminToken: config.adminToken, appServicesLink: () => `${services.urls.base}/_mock/app-services/apps` }),
    // Fastify's default compilers (Ajv's, fast-json-stringify's) load when Fastify is made, whether or not a route ever
    // uses them; these load on first use (see each module), so a start loads neither.
    schemaController: { compilersFactory: { buildValidator: lazyValidatorBuilder, buildSerializer: lazySerializerBuilder } },
  }) as unknown as FastifyInstance;
  // Past the cap, Node closes new connections at once (and counts them as dropped); they recover as others close.
  app.server.maxConnections = config.maxConnections;
  // Reject what the schema does not name instead of dropping it, and never coerce types; compile each schema on first use.
  app.setValidatorCompiler(lazyValidatorCompiler);

  // An empty body with `Content-Type: application/json` means "no fields": clients (realm-web, curl -X POST) send it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, {});
    // Before parsing: what handles the body (structuredClone, JSON.stringify) would overflow the stack on deep nesting.
    if (jsonTextTooDeep(text, maxBodyDepth)) return done(new MockIdpError('BAD_REQUEST', `body: the JSON nests deeper than ${maxBodyDepth} levels (the limit)`), undefined);
    return parseJson(request, text, done);
  });

  // Bodies are JSON unless a surface adds its own parser (form posts, AWS JSON); text/plain is a 415.
  app.removeContentTypeParser('text/plain');
  // A POST without a body means "no fields" (the control API still wants `Content-Type: application/json` on it).
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
    done();
  });

  // A body over the limit: answer 413 and read (discarding) what the client still sends, up to a bound, so the
  // client gets to read the answer instead of failing to write (EPIPE) when the connection closes under it.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 413 && !request.raw.complete) drainBody(request.raw, reply, limits.drainBytes);
    done(null, payload);
  });

  const inspect = options.inspectResponse;
  if (inspect) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        const contentType = String(reply.getHeader('content-type') ?? '');
        inspect({ method: request.method, url: request.url, statusCode: reply.statusCode, contentType, body: payload.toString() });
      }
      return payload;
    });
  }

  app.register(errorHandling);
  // DNS rebinding: a request whose Host is not one of the server's names is refused before anything else runs.
  app.addHook('onRequest', hostCheck(config));
  // The server may listen while keys are generated and the store opens (startServices): until they are done,
  // requests wait rather than see a half-made server. Once ready, this costs one boolean test per request.
  let ready = false;
  services.ready.then(
    () => (ready = true),
    () => {},
  );
  app.addHook('onRequest', (request, _reply, done) => {
    if (ready || request.routeOptions.config?.ownReadiness) return done();
    services.ready.then(() => done(), done);
  });
  app.register(healthRoutes, services);
  app.register(wellKnownRoutes, services);
  app.register(oauth2Routes, services);
  app.register(cognitoApiRoutes, services);
  app.register(controlApi, { ...services, prefix: '/_mock' });
  app.register(appServicesRoutes, { appServices: services.appServices, urls: services.urls, prefix: '/api/client/v2.0' });
  app.register(pageRoutes);
  return app;
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
/**
 * The validator builder Fastify would make from a `setValidatorCompiler` call. Fastify calls what it returns as it
 * calls a compiler given to `setValidatorCompiler` (with `{ schema, method, url, httpPart }`); its type names Ajv's own.
 */
const lazyValidatorBuilder = (() => lazyValidatorCompiler) as unknown as CompilersFactory['buildValidator'];

/** Most of a refused body read and discarded before the connection is closed: 4 times the body limit, at least 4 MiB. */
const minDrainBytes = 4 * 1024 * 1024;

/**
 * The server's timeouts and limits from config, as Node's http server takes them.
 * Node times a request from its first byte: the headers must arrive within
 * `headersTimeout`, the whole request (body included) within `requestTimeout`,
 * else it answers 408 and closes the connection. It checks every
 * `connectionsCheckingInterval` (default 30 s, too coarse for short timeouts).
 */
function serverLimits(config: MockIdpConfig) {
  const requestTimeout = Math.round(config.requestTimeoutSeconds * 1000);
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(Math.round(config.headersTimeoutSeconds * 1000), requestTimeout);
  const connectionsCheckingInterval = Math.min(Math.max(Math.round(headersTimeout / 4), 100), 5000);
  return {
    node: { requestTimeout, headersTimeout, connectionsCheckingInterval },
    drainBytes: Math.max(4 * config.bodyLimitBytes, minDrainBytes),
  };
}

/**
 * Keeps reading the rest of a refused request body after the answer, discarding it: the connection then
 * serves the client's next request. Past `maxBytes` the connection is closed instead.
 */
function drainBody(raw: IncomingMessage, reply: FastifyReply, maxBytes: number): void {
  // Fastify asks to close the connection after a body error; Node would then close it while the client still writes.
  reply.removeHeader('connection');
  let read = 0;
  raw.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > maxBytes) raw.socket.destroy();
  });
  raw.resume();
}
