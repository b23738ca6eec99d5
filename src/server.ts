import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp, type ResponseInspector } from './app.js';
import type { Clock } from './clock.js';
import type { LoadedConfig } from './config/load-config.js';
import type { KeyFactory } from './keys/key-factory.js';
import { startServices, type Services } from './services.js';
import { join, resolve } from 'node:path';
import type { MockIdpConfig } from './config/types.js';
import { exposureWarning } from './security/exposure.js';
import { fetchTrusting } from './tls/trusting-fetch.js';

/** How long `close()` lets in-flight requests finish before cutting their connections (a mock answers in milliseconds; SIGTERM should exit within a second). */
const closeGraceMs = 500;

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  /** Stops the rotation schedule, closes the server (in-flight requests finish), then waits for the keys file. */
  close: () => Promise<void>;
}

export interface StartServerDeps {
  clock?: Clock | undefined;
  keyFactory?: KeyFactory | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Called with the warning text when the server listens on a non-loopback address without an admin token (the CLI prints it on stderr). */
  onExposed?: ((warning: string) => void) | undefined;
  /** Test-only: see {@link BuildAppOptions.inspectResponse}. */
  inspectResponse?: ResponseInspector | undefined;
  /** Start-up news before the logger exists (which store, and why). */
  log?: ((level: 'info' | 'warn', message: string) => void) | undefined;
  /**
   * Open the App Services store only once the server has answered its first
   * request, or this long after listening, whichever comes first (`mock-idp
   * serve`). Probing for a mongod and loading its modules hold the event loop
   * a while: not in front of the first JWKS a client asks for.
   * Default: the store opens as soon as the server listens.
   */
  storeDelayMs?: number | undefined;
}

/**
 * Builds the services and the app from a loaded config, listens, and binds the
 * public URLs to the port actually obtained; resolves once every service is
 * ready. It listens before: keys are generated and the store opens while the
 * app loads, and requests wait for them (the JWKS only for its pool's keys).
 * Shared by `mock-idp serve` and `startMockIdp`.
 */
export async function startServer(loaded: LoadedConfig, deps: StartServerDeps = {}): Promise<RunningServer> {
  // eslint-disable-next-line prefer-const -- the service callbacks below read `app?.` before it is built; a const would be in its dead zone then
  let app: FastifyInstance | undefined;
  // Loaded only with --tls: certificate generation pulls in an X.509 library the plain server does not need.
  const certificates = loaded.config.tls.enabled ? await import('./tls/certificates.js') : null;
  const tls = certificates ? await certificates.ensureTlsMaterial(resolve(loaded.config.tls.dir), tlsHosts(loaded.config)) : null;
  if (tls) {
    deps.log?.('info', `TLS: ${tls.reused ? 'reusing' : 'made'} the local CA and server certificate in ${tls.dir}; trust ${join(tls.dir, certificates!.tlsFiles.ca)} (e.g. NODE_EXTRA_CA_CERTS)`);
  }
  let openStore: () => void = () => {};
  const storeMayOpen = new Promise<void>((resolve) => (openStore = resolve));
  const services = await startServices(loaded, {
    storeOpensAfter: storeMayOpen,
    selfFetch: tls ? fetchTrusting(tls.ca) : undefined,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.keyFactory ? { keyFactory: deps.keyFactory } : {}),
    onError: (error, what) => app?.log.error({ err: error }, `failed ${what}`),
    onRotate: () => app?.log.info('scheduled key rotation'),
    log: deps.log,
  });
  app = buildApp(loaded.config, services, { logger: deps.logger, https: tls ?? undefined, inspectResponse: deps.inspectResponse });
  try {
    try {
      await app.listen({ port: loaded.config.port, host: loaded.config.host });
      if (deps.storeDelayMs !== undefined) {
        app.server.once('request', (_request, response) => response.once('close', openStore));
        setTimeout(openStore, deps.storeDelayMs).unref();
      }
    } finally {
      // Without a delay, or when listening failed (the store must open to be closed), at once.
      if (deps.storeDelayMs === undefined || !app.server.listening) openStore();
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : loaded.config.port;
    services.urls.bind(loaded.config.host, port);
    const warning = exposureWarning(loaded.config, services.urls.listenUrl);
    if (warning) {
      app.log.warn(warning);
      deps.onExposed?.(warning);
    }
    await services.ready;
  } catch (error) {
    await app.close().catch(() => undefined);
    await services.store.close().catch(() => undefined);
    throw error;
  }
  services.schedule?.start();
  const server = app;
  return {
    app: server,
    services,
    close: async () => {
      await services.schedule?.stop();
      // In-flight requests may finish; connections with no request (a client's spare keep-alive socket,
      // opened after close began) are closed as they appear, and whatever is left after the grace period is cut.
      const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.server.closeAllConnections(), closeGraceMs);
      try {
        await server.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
      await services.keysFile?.flush();
      await services.store.close();
    },
  };
}

/** The names the server certificate must carry: loopback, the listen host and the public URL's host. */
function tlsHosts(config: MockIdpConfig): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  if (config.host !== '0.0.0.0' && config.host !== '::') hosts.push(config.host);
  if (config.publicUrl) hosts.push(new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  return [...new Set(hosts)];
}
