/**
 * `npm run load [-- --seconds 20 --concurrency 8 --real-keys]`: mints and
 * verifies continuously, through mock-idp/verifier and the App Services login,
 * while the server rotates every pool's keys every 100 ms (its schedule), on
 * loopback, for a bounded time. The server runs in its own process (see
 * load-server.ts; `--real-keys` runs the real CLI instead, whose RSA
 * generation then bounds the rotation rate). Reports tokens minted, verified,
 * logins, rotations, false rejects (must be 0), 5xx (must be 0), throughput,
 * p99 latency, and the server's RSS after the warm-up and at the end. Exit 1
 * when a valid token was rejected or a 5xx was seen.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createVerifier, VerificationError } from '../../src/verifier/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    'period-ms': { type: 'string', default: '100' },
    'real-keys': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const concurrency = Number(values.concurrency);
const periodSeconds = Number(values['period-ms']) / 1000;
if (!(seconds > 0 && seconds <= 600 && concurrency >= 1 && concurrency <= 64 && periodSeconds > 0)) throw new Error('bounds: --seconds 1..600, --concurrency 1..64');

const root = fileURLToPath(new URL('../../', import.meta.url));
const pool = 'us-east-1_LocalPool';
const spa = '1vngm1viu6qqksk0qckq8aag7p';
const appLogin = '/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login';
const users = ['alice', 'bob'];
// Keys stay published 5 s after they stop signing; tokens live 2 s, so every unexpired token's key is published.
const config = { logLevel: 'info', keys: { rotateEverySeconds: periodSeconds, overlapSeconds: 5 } };

// --- the server, in its own process -------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'mock-idp-load-'));
const configFile = join(dir, 'config.json');
writeFileSync(configFile, JSON.stringify(config));
const child = values['real-keys']
  ? spawn(process.execPath, ['bin/mock-idp.js', 'serve', '--port', '0', '--config', configFile], { cwd: root, env: { ...process.env, MOCK_IDP_STORE: 'memory' }, stdio: ['ignore', 'pipe', 'pipe'] })
  : spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/load/load-server.ts', JSON.stringify({ ...config, logLevel: 'warn' })], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
let logRotations = 0;
child.stderr.on('data', (d: Buffer) => (logRotations += (String(d).match(/scheduled key rotation/g) ?? []).length));
const base = await new Promise<string>((resolve, reject) => {
  child.stdout.on('data', (d: Buffer) => {
    stdout += String(d);
    const match = /listening on (http:\/\/\S+)/.exec(stdout);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});

/** The server's heap and RSS after a full GC (the library server only; null with --real-keys). */
async function memoryAfterGc(): Promise<{ heapUsedMb: number; rssMb: number } | null> {
  if (values['real-keys']) return null;
  const seen = (stdout.match(/"memory"/g) ?? []).length;
  child.kill('SIGUSR2');
  for (let i = 0; i < 200 && (stdout.match(/"memory"/g) ?? []).length === seen; i++) await new Promise((r) => setTimeout(r, 10));
  const all = [...stdout.matchAll(/\{"memory":(\{[^}]*\})\}/g)];
  return all.length ? (JSON.parse(all[all.length - 1]![1]!) as { heapUsedMb: number; rssMb: number }) : null;
}

const rssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};

// --- the load -------------------------------------------------------------------------------------
const verifier = createVerifier({ issuer: `${base}/${pool}`, jwksUri: `${base}/${pool}/.well-known/jwks.json`, clientId: spa, tokenUse: 'id' });
const latencies: Record<'mint' | 'verify' | 'login', number[]> = { mint: [], verify: [], login: [] };
const counts = { minted: 0, verified: 0, logins: 0, falseRejects: 0, serverErrors: 0, requests: 0 };
const rejects: string[] = [];
let measuring = false;

async function timed<T>(kind: keyof typeof latencies, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    if (measuring) latencies[kind].push(performance.now() - started);
  }
}

async function http(path: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, init);
  counts.requests++;
  if (response.status >= 500) counts.serverErrors++;
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

async function worker(id: number, until: number): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    const user = users[(id + i) % users.length];
    const minted = await timed('mint', () =>
      http('/_mock/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, client: spa, tokenUse: 'id', ttlSeconds: 2 }) }),
    );
    if (minted.status !== 200) continue;
    counts.minted++;
    const token = minted.body.token as string;
    try {
      await timed('verify', () => verifier.verify(token));
      counts.verified++;
    } catch (error) {
      counts.falseRejects++;
      rejects.push(`verifier: ${(error as VerificationError).code ?? ''} ${(error as Error).message}`);
    }
    if (i % 2 === 0) {
      const login = await timed('login', () => http(appLogin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }));
      if (login.status === 200) {
        counts.logins++;
        // Log out, as apps do, so the memory store does not keep a session per login.
        await http('/api/client/v2.0/auth/session', { method: 'DELETE', headers: { authorization: `Bearer ${String(login.body.refresh_token)}` } });
      } else {
        counts.falseRejects++;
        rejects.push(`App Services login: ${login.status} ${JSON.stringify(login.body)}`);
      }
    }
  }
}

const keysAtStart = ((await http(`/_mock/keys`, {})).body.keys as unknown[]).length;
await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, Date.now() + warmupSeconds * 1000)));
const rssStart = rssMb();
const gcStart = await memoryAfterGc();
const zero = { ...counts };
measuring = true;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, Date.now() + seconds * 1000)));
const elapsed = (performance.now() - started) / 1000;
measuring = false;
const rssEnd = rssMb();
const gcEnd = await memoryAfterGc();
const keysAtEnd = (await http(`/_mock/keys`, {})).body.keys as Array<{ state: string }>;
const jwksBytes = (await (await fetch(`${base}/${pool}/.well-known/jwks.json`)).text()).length;

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
const keysMade = /\{"keysMade":(\d+)\}/.exec(stdout);
const rotations = keysMade ? (Number(keysMade[1]) - keysAtStart) / 4 : logRotations;

const p = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : NaN);
const d = (key: keyof typeof counts) => counts[key] - zero[key];
const report = {
  seconds: Number(elapsed.toFixed(1)),
  concurrency,
  rotationPeriodMs: periodSeconds * 1000,
  keys: values['real-keys'] ? 'RSA-2048 generated per rotation (the CLI)' : 'test-only key pairs reused under fresh kids',
  rotationsIncludingWarmup: Math.round(rotations),
  minted: d('minted'),
  verified: d('verified'),
  logins: d('logins'),
  falseRejects: d('falseRejects'),
  serverErrors5xx: d('serverErrors'),
  throughputRequestsPerSecond: Math.round((d('requests') + d('verified')) / elapsed),
  mintsPerSecond: Math.round(d('minted') / elapsed),
  p99Ms: { mint: Number(p(latencies.mint, 0.99).toFixed(1)), verify: Number(p(latencies.verify, 0.99).toFixed(1)), login: Number(p(latencies.login, 0.99).toFixed(1)) },
  p50Ms: { mint: Number(p(latencies.mint, 0.5).toFixed(1)), verify: Number(p(latencies.verify, 0.5).toFixed(1)), login: Number(p(latencies.login, 0.5).toFixed(1)) },
  verifierJwksFetches: verifier.cache.counters.fetches,
  verifierUnknownKidRefetches: verifier.cache.counters.unknownKidRefetches,
  keysInRingAtEnd: keysAtEnd.length,
  jwksBytesAtEnd: jwksBytes,
  serverRssMb: { afterWarmup: Number(rssStart.toFixed(1)), end: Number(rssEnd.toFixed(1)) },
  serverAfterFullGc: { afterWarmup: gcStart, end: gcEnd },
};
console.log(JSON.stringify(report, null, 2));
if (rejects.length) console.log(`first rejects:\n  ${[...new Set(rejects)].slice(0, 10).join('\n  ')}`);
const ok = report.falseRejects === 0 && report.serverErrors5xx === 0;
console.log(ok ? 'OK: no valid token rejected, no 5xx' : 'FAILED: valid tokens rejected or 5xx answers');
process.exitCode = ok ? 0 : 1;
