import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The CLI as users run it: the built `bin/mock-idp.js` (`npm test` builds first,
 * through `pretest`), which also starts in a fraction of the time tsx takes.
 */
export const cliArgs = [fileURLToPath(new URL('../../bin/mock-idp.js', import.meta.url))];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  ms: number;
}

/** Runs `mock-idp ...args` to completion; `nodeArgs` go to node itself (before the CLI's script). */
export async function runCli(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...cliArgs, ...args], { cwd: root, env: { ...process.env, MOCK_IDP_STORE: 'memory', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr, ms: performance.now() - started };
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves to the exit code and how long the exit took (ms). */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Starts `mock-idp serve ...args` and resolves once its banner names the URL. */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...cliArgs, 'serve', ...args], { cwd: root, env: { ...process.env, MOCK_IDP_STORE: 'memory', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
  return {
    child,
    url,
    output: () => ({ stdout, stderr }),
    async stop() {
      const started = performance.now();
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return { code, ms: performance.now() - started };
    },
  };
}
