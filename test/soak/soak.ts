/**
 * `npm run soak [-- --quick]`: memory and time do not grow with use. An
 * in-process server on loopback (HTTP, keep-alive, one request at a time) is
 * driven through 100,000 sign-ins (USER_PASSWORD_AUTH), 100,000 sign-ups,
 * 10,000 rotations of every pool's keys (saved to a keys file, fsynced each
 * time), and the bench's flows (test/helpers/flow-conversations.ts): 20,000 each
 * of the SRP, EMAIL_OTP, passkey, PreTokenGeneration and TOTP sign-ins and 2,000
 * pools made and deleted, with the server's clock moved on between windows so
 * lifetimes pass (31 days per sign-in window: refresh tokens expire; 1 hour per
 * rotation window: replaced keys leave). Each phase is reported in 20 windows:
 * p50 and p99 latency of its requests (of its whole conversations for a flow),
 * RSS and heap after a forced GC (node --expose-gc), and what the server
 * holds. `--quick` does 1/20 of it; `--phases flows --flows srp,totp` runs some phases and flows only.
 *
 * Keys come from a factory that reuses test-only keys (RSA generation is not
 * what is measured), and remembers none of them, so that what grows is the
 * server's. Sign-ups keep their users, as Cognito does: memory grows by the
 * users themselves, never by the sign-ins, codes or pages around them. Not
 * part of `npm test`: the suite's test/soak/bounded-growth.test.ts and
 * flow-growth.test.ts check the counts, never durations.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../../src/clock.js';
import { startMockIdp } from '../../src/internal.js';
import type { KeyFactory } from '../../src/keys/key-factory.js';
import { readKeysFile } from '../../src/keys/key-file.js';
import { driver, flowSetUps, preTokenFunctions, type FlowName } from '../helpers/flow-conversations.js';
import { testKeysFile } from '../helpers/idp.js';
import { heldCounts } from './held.js';
import { alice, day, spa } from './helpers.js';

/** The bench's flows the soak repeats (the mint and the plain sign-in are the sign-ins phase's), and how many of each at full scale. */
const flowCounts: Partial<Record<FlowName, number>> = { srp: 20_000, emailOtp: 20_000, passkey: 20_000, preToken: 20_000, totp: 20_000, createPool: 2_000 };
const phases = ['sign-ins', 'sign-ups', 'rotations', 'flows'];
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, phases: { type: 'string', default: phases.join(',') }, flows: { type: 'string', default: Object.keys(flowCounts).join(',') } },
});
const selected = new Set(values.phases.split(','));
if (![...selected].every((p) => phases.includes(p))) throw new Error(`--phases: some of ${phases.join(',')}`);
const flows = values.flows.split(',') as FlowName[];
if (!flows.every((f) => f in flowCounts)) throw new Error(`--flows: some of ${Object.keys(flowCounts).join(',')}`);
const scale = values.quick ? 1 / 20 : 1;
const signIns = 100_000 * scale;
const signUps = 100_000 * scale;
const rotations = 10_000 * scale;
const windows = 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run soak does)');

const dir = mkdtempSync(join(tmpdir(), 'mock-idp-soak-'));
const keysFile = join(dir, 'keys.json');
/** Test-only keys under fresh kids, as test/helpers/key-factory.ts makes them, but keeping no list of what it made. */
async function keyFactory(): Promise<KeyFactory> {
  const seeds = (await readKeysFile(testKeysFile))!.map((e) => e.material);
  let made = 0;
  return {
    async generate() {
      const base = seeds[made % seeds.length]!;
      const kid = createHash('sha256').update(`soak-key-${made++}`).digest('base64');
      return { ...base, kid, publicJwk: { ...base.publicJwk, kid } };
    },
  };
}

const clock = new ManualClock(Date.now());
const idp = await startMockIdp({
  clock,
  keyFactory: await keyFactory(),
  config: { port: 0, logLevel: 'silent', keys: { seedFile: testKeysFile, file: keysFile }, appServices: { store: 'memory' }, lambda: { functions: preTokenFunctions() } },
});
const pool = idp.services.directory.pool();
const loginQuery = new URLSearchParams({ client_id: spa, redirect_uri: 'http://localhost:3000/callback', response_type: 'code', scope: 'openid' });

async function post(body: unknown, operation: string): Promise<void> {
  const res = await fetch(`${idp.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${text}`);
}

async function rotate(): Promise<void> {
  const res = await fetch(`${idp.url}/_mock/keys/rotate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await res.text();
  if (res.status !== 200) throw new Error(`rotate: ${res.status}`);
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Runs `count` requests in `windows` windows; after each, moves the clock and prints a row. */
async function phase(name: string, count: number, request: (i: number) => Promise<void>, afterWindow: () => void, held: () => Record<string, number | string>, unit = 'requests'): Promise<void> {
  console.log(`\n${name}: ${count.toLocaleString('en')} ${unit} in ${windows} windows`);
  console.log(['done', 'p50 ms', 'p99 ms', 'RSS MB', 'heap MB', ...Object.keys(held())].join('\t'));
  const perWindow = Math.ceil(count / windows);
  for (let done = 0; done < count;) {
    const latencies: number[] = [];
    const end = Math.min(count, done + perWindow);
    for (; done < end; done++) {
      const started = performance.now();
      await request(done);
      latencies.push(performance.now() - started);
    }
    afterWindow();
    gc!();
    const { rss, heapUsed } = process.memoryUsage();
    latencies.sort((a, b) => a - b);
    const row = [done, quantile(latencies, 0.5).toFixed(2), quantile(latencies, 0.99).toFixed(2), mb(rss), mb(heapUsed), ...Object.values(held())];
    console.log(row.join('\t'));
  }
}

const loginPageBytes = async () => (await (await fetch(`${idp.url}/login?${loginQuery}`)).text()).length;
const jwksKeys = () => idp.services.keyRing.published(pool.id).length;
const pageBytes = await loginPageBytes();

try {
  console.log(`mock-idp soak${values.quick ? ' (--quick)' : ''}: node ${process.version}, in-process server at ${idp.url}`);
  if (selected.has('sign-ins'))
    await phase(
      'sign-ins (InitiateAuth USER_PASSWORD_AUTH; clock +31 days per window)',
      signIns,
      () => post({ ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }, 'InitiateAuth'),
      () => clock.advanceBy(31 * day),
      () => ({ 'sign-ins held': idp.services.signIns.size }),
    );
  if (selected.has('sign-ups'))
    await phase(
      'sign-ups (SignUp; users are kept)',
      signUps,
      (i) => post({ ClientId: spa, Username: `soak-${i}`, Password: 'Soak-test-1!', UserAttributes: [{ Name: 'email', Value: `soak-${i}@example.com` }] }, 'SignUp'),
      () => clock.advanceBy(day),
      () => ({ users: pool.users.length, 'codes held': idp.services.confirmationCodes.size }),
    );
  console.log(`GET /login: ${pageBytes.toLocaleString('en')} bytes at start, ${(await loginPageBytes()).toLocaleString('en')} bytes now (${pool.users.length.toLocaleString('en')} users)`);
  if (selected.has('rotations'))
    await phase(
      'rotations (POST /_mock/keys/rotate, every pool; keys file fsynced each time; clock +1 hour per window)',
      rotations,
      () => rotate(),
      () => clock.advanceBy(3600_000),
      () => ({ 'keys in ring': idp.services.keyRing.entries().length, 'JWKS keys (default pool)': jwksKeys(), 'keys file KB': (statSync(keysFile).size / 1024).toFixed(1) }),
    );
  if (selected.has('flows')) {
    const conversations = 4;
    const http = driver(idp.url, conversations);
    const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: idp.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      for (const name of flows) {
        const flow = await flowSetUps[name]({ http, cognito: sdk, conversations, now: () => idp.services.clock.now() });
        await phase(
          `flow ${name} (test/helpers/flow-conversations.ts, one at a time; clock +31 days per window)`,
          flowCounts[name]! * scale,
          async (i) => {
            const cleanUp = await flow(i % conversations);
            if (cleanUp) await cleanUp();
          },
          () => clock.advanceBy(31 * day),
          () => ({ ...heldCounts(idp.services) }),
          'flows',
        );
      }
    } finally {
      http.close();
      sdk.destroy();
    }
  }
} finally {
  await idp.close();
  rmSync(dir, { recursive: true, force: true });
}
