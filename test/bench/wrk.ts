/**
 * HTTP load from a separate process: wrk (Debian's package). Measured on this
 * machine against the bare JWKS server, wrk spends about 12 µs of CPU per
 * request and autocannon about 21 µs, so wrk leaves more of the two cores to
 * the server under test.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One load: a request (or a cycle of request bodies) sent for a while. */
export interface LoadSpec {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** One body for every request. */
  body?: string;
  /** Bodies sent in turn, one per request (distinct tokens). */
  bodies?: readonly string[];
}

/** What wrk measured. */
export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** How long wrk measured, as it reports it. */
  seconds: number;
}

export interface WrkOptions {
  seconds: number;
  connections: number;
  /** Where the Lua script and the bodies file go. */
  dir: string;
}

/** Runs wrk against `base + spec.path`; rejects when any answer is not 2xx/3xx, a socket fails or an answer takes over 10 s. */
export async function runWrk(base: string, spec: LoadSpec, options: WrkOptions): Promise<LoadResult> {
  const script = join(options.dir, `load-${process.hrtime.bigint()}.lua`);
  await writeFile(script, await luaScript(spec, script));
  // wrk's own timeout is 2 s: a slow peer's answer (cognito-local writes its database at each sign-in) would count
  // as a socket failure and end the run. 10 s still catches a server that hangs.
  const args = ['-t1', `-c${options.connections}`, `-d${Math.max(1, Math.round(options.seconds))}s`, '--timeout', '10s', '--latency', '-s', script, `${base}${spec.path}`];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', (error) => reject(new Error(`cannot run wrk (apt-get install -y wrk): ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
  });
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  if (failed || (socket && socket.slice(1).some((n) => n !== '0'))) {
    throw new Error(`load on ${spec.path} had failures:\n${output}`);
  }
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const took = /requests in ([\d.]+)(ms|s|m)\b/.exec(output);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(output);
  if (!rate || !p99 || !took) throw new Error(`cannot read wrk's output:\n${output}`);
  const scale = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'];
  const seconds = Number(took[1]) * { ms: 0.001, s: 1, m: 60 }[took[2] as 'ms' | 's' | 'm'];
  return { requestsPerSecond: Number(rate[1]), p99Ms: Number(p99[1]) * scale, seconds };
}

async function luaScript(spec: LoadSpec, script: string): Promise<string> {
  const lines = [`wrk.method = ${lua(spec.method ?? 'GET')}`];
  for (const [name, value] of Object.entries(spec.headers ?? {})) lines.push(`wrk.headers[${lua(name)}] = ${lua(value)}`);
  if (spec.body !== undefined) lines.push(`wrk.body = ${lua(spec.body)}`);
  if (spec.bodies) {
    const file = `${script}.bodies`;
    await writeFile(file, `${spec.bodies.join('\n')}\n`);
    lines.push(
      'local bodies = {}',
      `for line in io.lines(${lua(file)}) do bodies[#bodies + 1] = line end`,
      'local i = 0',
      'request = function()',
      '  i = i % #bodies + 1',
      '  return wrk.format(nil, nil, nil, bodies[i])',
      'end',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A Lua string literal. */
function lua(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
