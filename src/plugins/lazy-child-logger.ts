import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;

type Loose = (...args: unknown[]) => void;

/**
 * Fastify gives every request a child logger carrying its `reqId`. With pino,
 * making one costs a `child()` call per request (a new object with its own
 * serialised bindings), about a tenth of a JWKS answer, though a request of a
 * mock IdP seldom logs (no request lines; errors only). This factory hands out a
 * stand-in that makes the real child the first time the request logs: log lines
 * are the same, requests that do not log do not pay.
 *
 * @example
 * Fastify({ logger: { level: 'info' }, childLoggerFactory: lazyChildLoggerFactory });
 */
export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) => new LazyChildLogger(logger, bindings, options);

class LazyChildLogger implements FastifyBaseLogger {
  #parent: FastifyBaseLogger;
  #bindings: Bindings;
  #options: ChildLoggerOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get #real(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real.level = level;
  }

  // Methods on the prototype, not arrow-function fields: nothing is allocated per request but the stand-in.
  fatal(...args: unknown[]): void {
    (this.#real.fatal as Loose).apply(this.#real, args);
  }
  error(...args: unknown[]): void {
    (this.#real.error as Loose).apply(this.#real, args);
  }
  warn(...args: unknown[]): void {
    (this.#real.warn as Loose).apply(this.#real, args);
  }
  info(...args: unknown[]): void {
    (this.#real.info as Loose).apply(this.#real, args);
  }
  debug(...args: unknown[]): void {
    (this.#real.debug as Loose).apply(this.#real, args);
  }
  trace(...args: unknown[]): void {
    (this.#real.trace as Loose).apply(this.#real, args);
  }
  silent(...args: unknown[]): void {
    (this.#real.silent as Loose).apply(this.#real, args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real.child(bindings, options);
  }
}
