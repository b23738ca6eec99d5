/**
 * mock-idp as a library: start an in-process Cognito stand-in for a test suite.
 * This entry and `mock-idp/verifier` are the public API; their types need
 * neither `@types/node` nor Fastify's. The server's parts are in
 * `mock-idp/internal` (unstable).
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
import type { Clock, ServerClock } from './clock.js';
import type { ConfigOverrides } from './config/load-config.js';
import type { LogLevel } from './config/types.js';
import { startMockIdp as startWithInternals } from './internal.js';
import type { KeyInfo, RotateOptions } from './keys/key-ring.js';
import type { MintedToken, MintRequest, SignInResult } from './tokens/minter.js';

export { ManualClock, type Clock, type ClockChange, type ClockState, type ServerClock } from './clock.js';
export type { ConfigOverrides } from './config/load-config.js';
export type * from './config/types.js';
export { errorCodes, MockIdpError, type ErrorBody, type ErrorCode } from './errors.js';
export type { KeyInfo, KeyState, RotateOptions } from './keys/key-ring.js';
export type { MintedToken, MintRequest, SignInResult } from './tokens/minter.js';
export { findScenario, scenarios, type Scenario } from './tokens/scenarios.js';
export type { Verdict, VerificationErrorCode } from './verifier/errors.js';

/**
 * The server's log: `true` for JSON lines on stdout at the configured `logLevel`, or a level and
 * where the lines go.
 *
 * @example
 * const lines: string[] = [];
 * await startMockIdp({ logger: { level: 'debug', stream: { write: (line) => lines.push(line) } } });
 */
export type LoggerOption = boolean | { level?: LogLevel | undefined; stream?: { write(line: string): void } | undefined };

export interface StartMockIdpOptions {
  /** A config file, layered over the defaults (every setting: docs/reference/configuration.md). */
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
  /** The server's log. Default: off. */
  logger?: LoggerOption;
}

/**
 * A running mock-idp.
 *
 * @example
 * const idp = await startMockIdp();
 * const { accessToken } = await idp.signIn({ user: 'alice' });
 * idp.clock.apply({ advanceSeconds: 3600 }); // the token has expired now
 */
export interface MockIdp {
  /** Where the server listens, e.g. `http://127.0.0.1:49152` (issuers use `publicUrl` when one is configured). */
  readonly url: string;
  /** The server's clock: `idp.clock.apply({ advanceSeconds: 3600 })` expires tokens without sleeping. */
  readonly clock: ServerClock;
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
  return startWithInternals(options);
}
