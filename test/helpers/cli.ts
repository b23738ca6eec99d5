import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { assertFreshBuild } from './fresh-build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What a finished CLI run gave: its exit code and everything it wrote. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The committed test-only keys of the built-in pools (fixtures/keys/generate-test-keys.ts). */
const testKeysFile = fileURLToPath(new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url));

/**
 * Writes `dir/mock-idp.json`: `config` plus `keys.seedFile` on the committed test-only keys, and returns its path.
 * A `serve --config` on it generates no RSA keys (a fifth of a CPU-second or more each, four a start): for tests
 * that are not about keys.
 */
export async function testKeysConfig(dir: string, config: Record<string, unknown> = {}): Promise<string> {
  const file = join(dir, 'mock-idp.json');
  await writeFile(file, JSON.stringify({ ...config, keys: { seedFile: testKeysFile, ...(config.keys as object | undefined) } }));
  return file;
}

/** Copies the committed test-only keys to `dir/keys.json` and returns its path: a `--keys-file` that loads without generating keys. */
export async function testKeysFileCopy(dir: string): Promise<string> {
  const file = join(dir, 'keys.json');
  await copyFile(testKeysFile, file);
  return file;
}

// ---- In-process: `main()` from src/cli/main.ts, in the test's own process (for what a command does).

/** Options of {@link startCliInProcess}. */
export interface InProcessOptions {
  /** What the command reads on standard input (`verify -`); default nothing. */
  stdin?: string;
  /** The log stream says it is a terminal (`isTTY`), as the process's stderr does in a shell; default not. */
  tty?: boolean;
}

/** A CLI run under way in the test's process. */
export interface InProcessCli {
  /** Resolves once `main` has returned. */
  result: Promise<CliResult & { code: number }>;
  /** What it has written so far; log lines (`serve`) go to stderr, as in the process. */
  output(): { stdout: string; stderr: string };
  /** Resolves the stop signal (as SIGTERM would) and waits for `main` to return. */
  stop(signal?: string): Promise<CliResult & { code: number }>;
}

/**
 * Starts `mock-idp ...args` as a function call: `main` with captured stdout and stderr, the
 * environment `{ MOCK_IDP_STORE: 'memory', ...env }` (not the test's), and a stop signal that only
 * {@link InProcessCli.stop} resolves.
 */
export function startCliInProcess(args: string[], env: Record<string, string> = {}, options: InProcessOptions = {}, onOutput?: (stdout: string) => void): InProcessCli {
  let stdout = '';
  let stderr = '';
  let stop: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => (stop = resolve));
  const result = main(args, {
    env: { MOCK_IDP_STORE: 'memory', ...env },
    stdout: (text) => {
      stdout += `${text}\n`;
      onOutput?.(stdout);
    },
    stderr: (text) => (stderr += `${text}\n`),
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    logStream: { write: (line: string) => (stderr += line), isTTY: options.tty ?? false, hasColors: () => false },
    stopSignal,
  }).then((code) => ({ code, stdout, stderr }));
  return {
    result,
    output: () => ({ stdout, stderr }),
    stop(signal = 'SIGTERM') {
      stop(signal);
      return result;
    },
  };
}

/**
 * Runs `mock-idp ...args` in the test's process to completion (a command that returns by itself:
 * not `serve`, whose stop signal never comes; see {@link serveInProcess}).
 *
 * @example
 * const { code, stdout } = await runCliInProcess(['scenarios', '--json']);
 */
export function runCliInProcess(args: string[], env: Record<string, string> = {}, options: InProcessOptions = {}): Promise<CliResult & { code: number }> {
  return startCliInProcess(args, env, options).result;
}

/** `mock-idp serve` running in the test's process. */
export interface InProcessServe {
  url: string;
  output(): { stdout: string; stderr: string };
  /** Resolves the stop signal and waits for the command to return; resolves to its exit code. Safe to call twice. */
  stop(): Promise<number>;
}

/** Starts `mock-idp serve ...args` in the test's process and resolves once its banner names the URL. */
export async function serveInProcess(args: string[], env: Record<string, string> = {}, options: InProcessOptions = {}): Promise<InProcessServe> {
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const cli = startCliInProcess(['serve', ...args], env, options, (stdout) => {
    const match = /listening on (https?:\/\/\S+)/.exec(stdout);
    if (match) listening(match[1]!);
  });
  const first = await Promise.race([url, cli.result]);
  if (typeof first !== 'string') throw new Error(`serve returned ${first.code} before listening: ${first.stderr}`);
  return { url: first, output: cli.output, stop: async () => (await cli.stop()).code };
}

// ---- Spawned: the built bin/mock-idp.js, for what only the real process shows (signals, exit code, pipes).

/**
 * The CLI as users run it: the built `bin/mock-idp.js` (`npm test` builds first,
 * through `pretest`), which also starts in a fraction of the time tsx takes.
 * {@link runCli} and {@link startServe} fail the test when the build is older
 * than the sources (test/helpers/fresh-build.ts); a test that spawns these
 * arguments itself calls `assertFreshBuild('cli')` first.
 */
export const cliArgs = [fileURLToPath(new URL('../../bin/mock-idp.js', import.meta.url))];

/**
 * What a spawned CLI gets besides the test's environment: the memory store, and no key reservoir, so a test never
 * takes keys from (nor starts a refill of) the reservoir in the user's cache folder; test/cli/key-reservoir.test.ts
 * tests the reservoir with a folder of its own.
 */
const spawnDefaults = { MOCK_IDP_STORE: 'memory', MOCK_IDP_KEY_RESERVOIR: 'false' };

/** Runs `mock-idp ...args` as a process to completion; `nodeArgs` go to node itself (before the CLI's script). */
export async function runCli(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<CliResult> {
  assertFreshBuild('cli');
  const child = spawn(process.execPath, [...nodeArgs, ...cliArgs, ...args], { cwd: root, env: { ...process.env, ...spawnDefaults, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves to the exit code. */
  stop(): Promise<{ code: number | null }>;
}

/**
 * Starts `mock-idp serve ...args` as a process and resolves once its banner names the URL. `launcher`: a command
 * that runs node, as `env -u NODE_OPTIONS` does without the test runner's preloaded module.
 */
export async function startServe(args: string[], env: Record<string, string> = {}, launcher: string[] = []): Promise<ServeProcess> {
  assertFreshBuild('cli');
  const [command, ...commandArgs] = [...launcher, process.execPath, ...cliArgs, 'serve', ...args];
  const child = spawn(command!, commandArgs, { cwd: root, env: { ...process.env, ...spawnDefaults, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  return {
    child,
    url,
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return { code };
    },
  };
}
