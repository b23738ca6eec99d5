/**
 * How `mock-idp serve`'s log lines look. The server's logger (pino, inside
 * Fastify) writes one JSON object a line; that is what a container runtime, CI
 * or a log shipper wants, and what goes out unless a person is reading: on a
 * terminal each line becomes a short one instead, e.g.
 * `10:22:35 WARN  no mongod: … pool=us-east-1_LocalPool`.
 *
 * A few lines of our own rather than pino-pretty: the lines are few (no
 * request logging) and flat, and pino-pretty would add a dozen packages to
 * every install for them.
 */
import type { LogLevel } from '../config/types.js';

export type LogFormat = 'pretty' | 'json';
export const logFormats: readonly LogFormat[] = ['pretty', 'json'];

/** Where the lines go: the process's stderr, or a test's stand-in. */
export interface LogStream {
  write(line: string): unknown;
  /** True on a terminal (process.stderr has it): the default format is then `pretty`. */
  isTTY?: boolean | undefined;
  /** The terminal takes colours (process.stderr's `hasColors()`, which heeds NO_COLOR and FORCE_COLOR). */
  hasColors?: (() => boolean) | undefined;
}

/** What `serve` writes its logs through. */
export interface LogOutput {
  format: LogFormat;
  /** For Fastify's logger options: pino writes each JSON line here. */
  stream: { write(line: string): void };
  /** Start-up news from before the server's logger exists (which store, TLS), at the configured level like the rest. */
  log: (level: 'debug' | 'info' | 'warn', message: string) => void;
}

const levelValues = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
const levelNames = new Map<number, string>(Object.entries(levelValues).map(([name, value]) => [value, name.toUpperCase()]));
// ANSI colours of the level names that call for attention.
const levelColours = new Map<number, string>([
  [40, '\x1b[33m'],
  [50, '\x1b[31m'],
  [60, '\x1b[31m'],
  [20, '\x1b[2m'],
  [10, '\x1b[2m'],
]);

/** Fields every pino line has that say nothing to a person at a terminal. */
const unshown = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'err']);

/**
 * The log output for `serve`: `format` when given (`--log-format`), else
 * `pretty` on a terminal and `json` elsewhere.
 *
 * @example
 * const output = logOutput(process.stderr, { level: 'info', now: Date.now });
 * Fastify({ logger: { level: 'info', stream: output.stream } });
 */
export function logOutput(target: LogStream, options: { format?: LogFormat | undefined; level: LogLevel; now: () => number }): LogOutput {
  const format = options.format ?? (target.isTTY ? 'pretty' : 'json');
  const colour = format === 'pretty' && target.isTTY === true && (target.hasColors?.() ?? false);
  const threshold = options.level === 'silent' ? Infinity : levelValues[options.level];
  const write = format === 'json' ? (line: string) => void target.write(line) : (line: string) => void target.write(prettyLine(line, colour));
  return {
    format,
    stream: { write },
    log(level, message) {
      if (levelValues[level] >= threshold) write(`${JSON.stringify({ level: levelValues[level], time: options.now(), msg: message })}\n`);
    },
  };
}

/**
 * One JSON log line as a person reads it: local time (HH:MM:SS), level,
 * message, then the line's own fields as `key=value`; an error's stack
 * follows, indented. A line that is not JSON passes through unchanged.
 *
 * @example
 * prettyLine('{"level":30,"time":0,"msg":"reset","keys":true}\n') // '00:00:00 INFO  reset keys=true\n' (at UTC)
 */
export function prettyLine(line: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const level = typeof entry.level === 'number' ? entry.level : 30;
  let name = (levelNames.get(level) ?? String(entry.level)).padEnd(5);
  if (colour && levelColours.has(level)) name = `${levelColours.get(level)}${name}\x1b[0m`;
  const fields = Object.entries(entry)
    .filter(([key]) => !unshown.has(key))
    .map(([key, value]) => `${key}=${fieldValue(value)}`);
  const text = [clockTime(entry.time), name, String(entry.msg ?? ''), ...fields].join(' ').trimEnd();
  const err = entry.err as { stack?: unknown; message?: unknown } | undefined;
  const detail = err ? String(err.stack ?? err.message ?? JSON.stringify(err)) : '';
  return `${text}${detail ? `\n${detail.replace(/^/gm, '    ')}` : ''}\n`;
}

/** HH:MM:SS in local time: a terminal reader knows the day. */
function clockTime(time: unknown): string {
  const date = new Date(typeof time === 'number' ? time : Number.NaN);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A bare word stays bare (`pool=us-east-1_LocalPool`); anything else is JSON (`to="a b"`, `kids=["…"]`). */
function fieldValue(value: unknown): string {
  if (typeof value === 'string' && /^[\w.:/@+-]+$/.test(value)) return value;
  return JSON.stringify(value) ?? String(value);
}
