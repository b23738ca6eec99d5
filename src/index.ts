/**
 * mock-idp as a library: start an in-process Cognito stand-in for a test suite.
 *
 * @example
 * import { startMockIdp } from 'mock-idp';
 *
 * const idp = await startMockIdp();              // port 0: any free port
 * const { token } = await idp.mint({ user: 'alice', tokenUse: 'access' });
 * // point your verifier at idp.issuer() and idp.jwksUri() …
 * await idp.rotate();                            // new keys; old ones keep verifying for the overlap
 * await idp.close();
 *
 * @packageDocumentation
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ResponseInspector } from './app.js';
import type { Clock, ServerClock } from './clock.js';
import { loadConfig, type ConfigOverrides } from './config/load-config.js';
import type { KeyFactory } from './keys/key-factory.js';
import type { KeyInfo, RotateOptions } from './keys/key-ring.js';
import type { Services } from './services.js';
import { startServer } from './server.js';
import type { MintedToken, MintRequest, SignInResult } from './tokens/minter.js';

export { buildApp, type BuildAppOptions, type InspectedResponse, type ResponseInspector } from './app.js';
export { ManualClock, ServerClock, systemClock, type Clock, type ClockChange, type ClockState } from './clock.js';
export { loadConfig, type ConfigOverrides, type LoadConfigOptions, type LoadedConfig } from './config/load-config.js';
export type * from './config/types.js';
export { errorCodes, MockIdpError, type ErrorBody, type ErrorCode } from './errors.js';
export { FaultInjector, faultBodies, faultTargets, type FaultBody, type FaultInfo, type FaultSpec, type FaultTarget } from './faults/fault-injector.js';
export type { KeyInfo, KeyState, RotateOptions } from './keys/key-ring.js';
export { createServices, type Services, type ServiceDeps } from './services.js';
export type { MintedToken, MintRequest, SignInResult } from './tokens/minter.js';
export { describeScenario, findScenario, scenarios, type Scenario } from './tokens/scenarios.js';
export { verificationErrorCodes, VerificationError, type Verdict, type VerificationErrorCode } from './verifier/errors.js';

export interface StartMockIdpOptions {
  /** A config file, layered over the defaults (see the README's configuration table). */
  configFile?: string;
  /** Settings layered over the file, e.g. `{ issuerStyle: 'cognito', keys: { rotateEverySeconds: 60 } }`. */
  config?: ConfigOverrides;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. Another address without `adminToken` logs a warning: anyone who reaches it can mint tokens. */
  host?: string;
  /** Require `Authorization: Bearer <adminToken>` on every `/_mock/*` request (the emulated services stay open). */
  adminToken?: string;
  /** The base clock, e.g. a `ManualClock` in tests. Default: the system clock. */
  clock?: Clock;
  /** Fastify's logger option. Default: off. */
  logger?: FastifyServerOptions['logger'];
  /** @internal Replaces RSA key generation (tests). */
  keyFactory?: KeyFactory;
  /** @internal Sees every response body (tests assert that no private key leaves). */
  inspectResponse?: ResponseInspector;
}

/** A running mock-idp. */
export interface MockIdp {
  /** Where the server listens, e.g. `http://127.0.0.1:49152` (issuers use `publicUrl` when one is configured). */
  readonly url: string;
  /** The server's clock: `idp.clock.apply({ advanceSeconds: 3600 })` expires tokens without sleeping. */
  readonly clock: ServerClock;
  /** The Fastify instance, for `inject()`. */
  readonly app: FastifyInstance;
  readonly services: Services;
  /** The issuer (`iss`) of a pool's tokens; default pool when omitted. */
  issuer(pool?: string): string;
  /** The JWKS URI of a pool; default pool when omitted. */
  jwksUri(pool?: string): string;
  /** Mints one token (any scenario). */
  mint(request?: MintRequest): Promise<MintedToken>;
  /** ID, access and refresh tokens of one sign-in. */
  signIn(request?: Omit<MintRequest, 'tokenUse' | 'session' | 'scenario'>): Promise<SignInResult>;
  /** Rotates keys (all pools and uses by default) and returns the new keys. */
  rotate(options?: RotateOptions): Promise<KeyInfo[]>;
  /** Takes a key out of the JWKS now. */
  retire(kid: string): Promise<KeyInfo>;
  /** Every key of the ring with its state. */
  keys(): KeyInfo[];
  /** Stops the server (and the rotation schedule) and waits for the keys file to be written. */
  close(): Promise<void>;
}

/**
 * Starts mock-idp in this process, listening on `port` (0 by default).
 *
 * @example
 * const idp = await startMockIdp({ config: { issuerStyle: 'cognito' } });
 * t.teardown(() => idp.close());
 */
export async function startMockIdp(options: StartMockIdpOptions = {}): Promise<MockIdp> {
  const loaded = await loadConfig({
    file: options.configFile ?? null,
    overrides: { ...options.config, ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }), port: options.port ?? options.config?.port ?? 0, host: options.host ?? options.config?.host ?? '127.0.0.1' },
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
