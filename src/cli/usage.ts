import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad command-line usage: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/**
 * The CLI's world: everything a command reads or writes besides its arguments. The process entry
 * (bin.ts) passes the real process's; tests pass their own and run the CLI in their process.
 */
export interface CliIo {
  /** The environment (`MOCK_IDP_*`), read only through the config loader. */
  env: Record<string, string | undefined>;
  /** Writes one line of output (the newline is added). */
  stdout: (text: string) => void;
  /** Writes one line of messages (the newline is added). */
  stderr: (text: string) => void;
  /** Standard input (`mock-idp verify -`). */
  stdin: AsyncIterable<Uint8Array | string>;
  /** Where `serve`'s log lines (JSON, one per line, each with its newline) go: the process's stderr. */
  logStream: { write(line: string): unknown };
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); only `serve` waits for it. */
  stopSignal: Promise<string>;
}

/** What a command gets: its arguments and the {@link CliIo}. */
export interface CommandContext extends CliIo {
  args: string[];
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = T & { help: { type: 'boolean'; short: 'h' } };
type ParsedWithPositionals<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<T>; strict: true; allowPositionals: true }>>;
type Parsed<T extends Options> = Omit<ParsedWithPositionals<T>, 'positionals'>;

/** `node:util` parseArgs (strict, `-h/--help` added), with its errors turned into {@link UsageError}s. */
export function parseWithPositionals<T extends Options>(command: string, args: string[], options: T): ParsedWithPositionals<T> {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<T>;
    return parseArgs({ args, options: withHelp, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, '.'), command);
  }
}

/** Like {@link parseWithPositionals}, for commands that take no positional arguments. */
export function parse<T extends Options>(command: string, args: string[], options: T): Parsed<T> {
  const { positionals, ...parsed } = parseWithPositionals(command, args, options);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}": this command takes only options`, command);
  return parsed;
}

/** Parses a whole number in [min, max] or throws a UsageError naming the flag. */
export function integerFlag(command: string, flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}"`, command);
  }
  return n;
}

export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`, command);
  return value as T;
}
