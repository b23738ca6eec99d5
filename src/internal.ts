/**
 * `mock-idp/internal`: the server's parts, for mock-idp's own tests and for
 * whoever needs to reach past the public API (Fastify's `inject()`, the
 * services behind the control API, a replaced key factory).
 *
 * **Unstable.** Nothing here is covered by semver: names, shapes and
 * behaviour may change in any release, a patch release included. Its types
 * name Fastify's and Node's, so a TypeScript consumer needs `@types/node`.
 * The public API is `mock-idp` and `mock-idp/verifier`.
 *
 * @example
 * import { startMockIdp } from 'mock-idp/internal';
 *
 * const idp = await startMockIdp({ logger: { level: 'debug' } });
 * const res = await idp.app.inject({ url: '/.well-known/jwks.json' });
 * idp.services.faults.set({ target: 'jwks', status: 503 });
 *
 * @packageDocumentation
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ResponseInspector } from './app.js';
import { loadConfig } from './config/load-config.js';
import type { MockIdp, StartMockIdpOptions } from './index.js';
import type { KeyFactory } from './keys/key-factory.js';
import { startServer } from './server.js';
import type { Services } from './services.js';

export { buildApp, type BuildAppOptions, type InspectedResponse, type ResponseInspector } from './app.js';
export { ServerClock, systemClock } from './clock.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load-config.js';
export { FaultInjector, faultBodies, faultTargets, type FaultBody, type FaultInfo, type FaultSpec, type FaultTarget } from './faults/fault-injector.js';
export type { KeyFactory, KeyMaterial } from './keys/key-factory.js';
export { createServices, type Services, type ServiceDeps } from './services.js';
export { describeScenario } from './tokens/scenarios.js';

/** {@link StartMockIdpOptions} with what only tests and embedders need. */
export interface InternalStartOptions extends Omit<StartMockIdpOptions, 'logger'> {
  /** Fastify's logger option, all of it. Default: off. */
  logger?: FastifyServerOptions['logger'];
  /** Replaces RSA key generation (tests count or skip it). */
  keyFactory?: KeyFactory;
  /** Sees every response body (tests assert that no private key leaves). */
  inspectResponse?: ResponseInspector;
}

/** A running mock-idp with its insides in reach. */
export interface InternalMockIdp extends MockIdp {
  /** The Fastify instance, for `inject()`. */
  readonly app: FastifyInstance;
  /** The services behind every surface (directory, key ring, clock, faults, …). */
  readonly services: Services;
}

/**
 * What `startMockIdp` of `mock-idp` runs; the same object, typed with `app`
 * and `services`.
 *
 * @example
 * const idp = await startMockIdp({ keyFactory: countingFactory });
 * t.teardown(() => idp.close());
 */
export async function startMockIdp(options: InternalStartOptions = {}): Promise<InternalMockIdp> {
  const loaded = await loadConfig({
    file: options.configFile ?? null,
    overrides: {
      ...options.config,
      ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
      port: options.port ?? options.config?.port ?? 0,
      host: options.host ?? options.config?.host ?? '127.0.0.1',
    },
  });
  const { app, services, close } = await startServer(loaded, {
    clock: options.clock,
    keyFactory: options.keyFactory,
    inspectResponse: options.inspectResponse,
    logger: options.logger ?? false,
  });
  const { keyRing, minter, urls, clock } = services;
  return {
    url: urls.listenUrl,
    clock,
    app,
    services,
    issuer: (pool) => urls.issuer(services.directory.pool(pool).id),
    jwksUri: (pool) => urls.jwksUri(services.directory.pool(pool).id),
    mint: (request) => minter.mint(request),
    signIn: (request) => minter.signIn(request),
    rotate: async (rotateOptions) => (await keyRing.rotate(rotateOptions)).map((e) => keyRing.info(e)),
    retire: async (kid) => keyRing.info(await keyRing.retire(kid)),
    keys: () => keyRing.entries().map((e) => keyRing.info(e)),
    close,
  };
}
