import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;

/**
 * The log methods with pino's overloads collapsed into one rest signature: the stand-in forwards its arguments
 * untouched, and pino sorts out which overload they match.
 */
interface LogMethods {
  fatal(...args: unknown[]): void;
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  trace(...args: unknown[]): void;
  silent(...args: unknown[]): void;
}

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

  get #methods(): LogMethods {
    return this.#real;
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real.level = level;
  }

  // Methods on the prototype, not arrow-function fields: nothing is allocated per request but the stand-in.
  fatal(...args: unknown[]): void {
    this.#methods.fatal(...args);
  }
  error(...args: unknown[]): void {
    this.#methods.error(...args);
  }
  warn(...args: unknown[]): void {
    this.#methods.warn(...args);
  }
  info(...args: unknown[]): void {
    this.#methods.info(...args);
  }
  debug(...args: unknown[]): void {
    this.#methods.debug(...args);
  }
  trace(...args: unknown[]): void {
    this.#methods.trace(...args);
  }
  silent(...args: unknown[]): void {
    this.#methods.silent(...args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real.child(bindings, options);
  }
}
