import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { LogStream } from './log-output.js';
import { closest } from './suggest.js';

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
  /**
   * Where `serve`'s log lines (each with its newline) go: the process's stderr. JSON lines, or
   * short ones for a person when it is a terminal (`isTTY`); see log-output.ts.
   */
  logStream: LogStream;
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
    throw new UsageError(usageMessage(error as Error, Object.keys(options)), command);
  }
}

/** parseArgs' message, shorter, and for an unknown option the nearest known one (`--prot`: did you mean `--port`?). */
function usageMessage(error: Error, known: string[]): string {
  const unknown = /^Unknown option '--([^'=]+)/.exec(error.message);
  if (unknown) {
    const guess = closest(unknown[1]!, [...known, 'help']);
    return `unknown option --${unknown[1]}${guess ? `: did you mean --${guess}?` : ''}`;
  }
  const missing = /^Option '(-\S+)(?: <value>)?' argument missing/.exec(error.message);
  if (missing) return `${missing[1]} needs a value`;
  return error.message.replace(/\. To specify.*$/s, '.');
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

/**
 * A URL flag (`--url`, `--public-url`): it needs the scheme, which people leave out
 * (`--public-url 127.0.0.1:5109`); the error shows the value with one.
 */
export function urlFlag(command: string, flag: string, value: string | undefined): string | undefined {
  if (value === undefined || /^https?:\/\/[^/?#\s]+/i.test(value)) return value;
  const bare = /^(?:[\w.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:\/\S*)?$/i.test(value);
  throw new UsageError(`--${flag} needs a URL with a scheme, e.g. ${bare ? `http://${value}` : 'http://127.0.0.1:4455'}`, command);
}
