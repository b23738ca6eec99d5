/**
 * A server under test as its own process: spawned, timed from spawn to its
 * first valid JWKS answer, its RSS read from /proc, and stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** How to start one server. */
export interface LaunchSpec {
  /** argv, the executable first. */
  command: readonly string[];
  cwd?: string;
  env?: Record<string, string>;
  /** The JWKS the start-up clock waits for. */
  jwksPath: string;
}

/** A started server. */
export interface RunningProcess {
  base: string;
  /** The server's process id (for its CPU time in /proc). */
  pid: number;
  /** Spawn → first 200 whose body is a key set with at least one RSA key. */
  startupMs: number;
  /** Resident memory now, MiB. */
  rssMiB(): number;
  /** CPU time the process has used so far (user + system, every thread), ms; 10 ms steps. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `spec`, waits for its first valid JWKS (polling every 2 ms, 30 s at most). Output goes to `logFile`. */
export async function launch(spec: LaunchSpec, port: number, logFile: string): Promise<RunningProcess> {
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(spec.command[0]!, spec.command.slice(1), {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', log, log],
  });
  // Set by the exit event: declared wide, or TypeScript narrows it to null for the loop below.
  let exited = null as string | null;
  child.once('exit', (code, signal) => (exited = `exited (${code ?? signal})`));
  const deadline = started + 30_000;
  for (;;) {
    if (exited) throw new Error(`${spec.command.join(' ')} ${exited} before serving its JWKS; see ${logFile}:\n${tail(logFile)}`);
    if (performance.now() > deadline) {
      await stop(child);
      throw new Error(`${spec.command.join(' ')} served no valid JWKS within 30 s; see ${logFile}`);
    }
    if (await validJwks(`${base}${spec.jwksPath}`)) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const startupMs = performance.now() - started;
  return { base, pid: child.pid!, startupMs, rssMiB: () => rssMiB(child.pid!), cpuMs: () => cpuMs(child.pid!), stop: () => stop(child) };
}

async function validJwks(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    if (response.status !== 200) return false;
    const body = (await response.json()) as { keys?: Array<{ kty?: unknown; n?: unknown; e?: unknown }> };
    return Array.isArray(body.keys) && body.keys.length > 0 && body.keys.every((k) => k.kty === 'RSA' && typeof k.n === 'string' && typeof k.e === 'string');
  } catch {
    return false;
  }
}

function cpuMs(pid: number): number {
  // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the whole line, in ticks of 10 ms.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kib / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

/** Where a subject's log goes. */
export const logFileFor = (dir: string, name: string) => join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.log`);
