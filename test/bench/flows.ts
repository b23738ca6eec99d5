/**
 * The multi-request flows (issue 23, item 4), each measured as conversations: `conversations` of them at
 * once, each one request after another over keep-alive (node:http, one socket per conversation), against
 * `mock-idp serve` as the bench launches it. Every round measures, in the same server and with the same
 * driver, the mint reference (POST /_mock/tokens, one token per request), so each flow's rate is a ratio to
 * it, like with like. Besides flows/s and the p99 of a whole conversation, the server's CPU time per flow
 * (from /proc, so the driver's own work is left out) says what a flow costs the server in mints.
 *
 * The tests' helpers set the flows up (the AWS SDK against the spawned server) and answer their challenges
 * (the SRP client, the software authenticator); codes are read through the control API, at the server's time.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alice, spa } from '../helpers/cognito.js';
import { driver, flowRequests, flowSetUps, preTokenFunctions, type Flow, type FlowName } from '../helpers/flow-conversations.js';
import { g, modPow, N, passwordKey, serverEphemeral, verifierFor } from '../../src/cognito/srp.js';
import { RefreshTokenCodec, type RefreshTokenContents } from '../../src/tokens/refresh-token.js';
import { jsonBytes, signCompact } from '../../src/tokens/sign.js';
import { freePort, launch, logFileFor } from './server-process.js';
import type { Row } from './table.js';

/** The flows, in the order they run and the table lists them; `mint` is the reference. TOTP's moves the server's clock: last (SRP's TIMESTAMP is the driver's time). */
export const flowNames = {
  mint: 'mint reference: POST /_mock/tokens (1 token)',
  request: 'ListUserPools (1 request, no crypto)',
  password: 'USER_PASSWORD_AUTH sign-in (3 tokens, 1 request)',
  signInAfterRequests: 'the same sign-in after 2 ListUserPools (3 requests: the TOTP and EMAIL_OTP shape, none of their work)',
  createPool: 'CreateUserPool → first JWKS of the pool (2 at once)',
  srp: 'USER_SRP_AUTH sign-in (2 requests)',
  emailOtp: 'USER_AUTH with EMAIL_OTP (3 requests, the code read through the control API)',
  passkey: 'USER_AUTH passkey sign-in (2 requests, ES256 assertion)',
  preToken: 'sign-in with a PreTokenGeneration V2_0 trigger (in-process module)',
  totp: 'TOTP MFA sign-in (3 requests, the code read through the control API)',
} as const satisfies Record<FlowName, string>;
export type { FlowName };

export interface FlowSettings {
  /** Conversations at once. */
  conversations: number;
  warmSeconds: number;
  seconds: number;
}

/** What one round measured of one flow. */
export interface FlowResult {
  perSecond: number;
  p99Ms: number;
  /** Server CPU (user + system) per flow, ms. */
  cpuMs: number;
}

/** Conversations at once, and how long each flow runs: briefly in smoke mode. */
export const flowSettings = (smoke: boolean): FlowSettings => (smoke ? { conversations: 8, warmSeconds: 0.2, seconds: 0.5 } : { conversations: 32, warmSeconds: 2, seconds: 4 });

/** Records one round's results as `flow`, `flowP99` and `flowCpu` series, by flow name. */
export function recordFlows({ flows, limits }: Awaited<ReturnType<typeof measureFlows>>, settings: FlowSettings, record: (figure: string, subject: string, value: number) => void): void {
  record('flowConversations', 'driver', settings.conversations);
  record('flowCpu', 'srpMath', limits.srpMath);
  record('flowCpu', 'poolKeys', limits.poolKeys);
  record('flowCpu', 'assertion', limits.assertion);
  record('flowCpu', 'signInCrypto', limits.signInCrypto);
  for (const [name, result] of Object.entries(flows) as Array<[FlowName, FlowResult]>) {
    record('flow', name, result.perSecond);
    record('flowP99', name, result.p99Ms);
    record('flowCpu', name, result.cpuMs);
  }
}

/** The flows' rows: each flow's rate, p99 and server CPU against the mint reference of the same round. */
export function flowRows(get: (figure: string, subject: string) => number[]): Row[] {
  const rows: Row[] = [];
  const conversations = get('flowConversations', 'driver')[0];
  const figures = [
    { figure: `flows/s, ${conversations} conversations at once (Node driver)`, key: 'flow', target: true },
    { figure: 'flow p99 latency, whole conversation (ms)', key: 'flowP99', target: false },
    { figure: 'server CPU per flow (ms): the ratio is its cost in mints', key: 'flowCpu', target: false },
  ];
  for (const { figure, key, target } of figures) {
    const reference = { name: flowNames.mint, values: get(key, 'mint') };
    if (!reference.values.length) continue;
    rows.push({ figure, subject: flowNames.mint, values: reference.values });
    for (const name of Object.keys(flowNames) as FlowName[]) {
      if (name === 'mint') continue;
      const values = get(key, name);
      // "No flow slower than 3 mints": flows/s at least a third of mints/s. The lone request and the sign-ins are there to compare with.
      const met = target && !isReference(name) ? { target: { op: '≥' as const, value: 0.33 } } : {};
      if (values.length) rows.push({ figure, subject: flowNames[name], values, reference, ...met });
    }
    if (key !== 'flowCpu') continue;
    // What the flows slower than 3 mints must compute, measured in this process: a sign-in's own crypto, and beyond it.
    const limits = [
      ['signInCrypto', "limit: a sign-in's crypto (2 RS256 signatures + the refresh token's RSA-OAEP JWE, as mock-idp makes them)"],
      ['srpMath', "limit: the server's SRP-6a math of one sign-in (3 exponentiations mod the 3072-bit N)"],
      ['poolKeys', "limit: a new pool's 2 RSA-2048 key pairs"],
      ['assertion', 'limit: a passkey assertion check (P-256 key import + ECDSA verification, WebCrypto)'],
    ] as const;
    for (const [subject, label] of limits) if (get(key, subject).length) rows.push({ figure, subject: label, values: get(key, subject), reference });
    rows.push(...floorRows(get));
  }
  return rows;
}

/** The flows that are there to compare with: no target of their own. */
const references = ['request', 'password', 'signInAfterRequests'] as const satisfies readonly FlowName[];
const isReference = (name: FlowName): boolean => (references as readonly FlowName[]).includes(name);

/**
 * What each flow must do beyond a lone request, measured beside it: the plain sign-in it ends in (its 2 signatures
 * and JWE, in one request, in the same server), the crypto it adds, and its other requests. The TOTP and
 * EMAIL_OTP codes' HMACs and draws are microseconds.
 */
const floors: Record<Exclude<FlowName, 'mint' | (typeof references)[number]>, { signIn: boolean; crypto: ReadonlyArray<keyof FlowLimits> }> = {
  createPool: { signIn: false, crypto: ['poolKeys'] },
  srp: { signIn: true, crypto: ['srpMath'] },
  emailOtp: { signIn: true, crypto: [] },
  passkey: { signIn: true, crypto: ['assertion'] },
  preToken: { signIn: true, crypto: [] },
  totp: { signIn: true, crypto: [] },
};

/**
 * Each flow against its floor, round by round: the plain sign-in (when it ends in one), the crypto it adds, and
 * each of its other requests at a lone request's cost (ListUserPools, measured in the same server). A flow near
 * 1× does nothing beyond them; above it, its own work is the next place to look.
 */
function floorRows(get: (figure: string, subject: string) => number[]): Row[] {
  const request = get('flowCpu', 'request');
  const password = get('flowCpu', 'password');
  if (!request.length || password.length !== request.length) return [];
  const figure = 'server CPU per flow (ms) against its floor: the sign-in it ends in, the crypto it adds, its other requests';
  const rows: Row[] = [];
  for (const [name, { signIn, crypto }] of Object.entries(floors) as Array<[keyof typeof floors, (typeof floors)[keyof typeof floors]]>) {
    const values = get('flowCpu', name);
    const parts = crypto.map((limit) => get('flowCpu', limit));
    if (values.length !== request.length || parts.some((p) => p.length !== values.length)) continue;
    const others = flowRequests[name] - (signIn ? 1 : 0);
    const floor = values.map((_, i) => (signIn ? password[i]! : 0) + parts.reduce((sum, p) => sum + p[i]!, 0) + others * request[i]!);
    const label = [...(signIn ? ['the password sign-in'] : []), ...crypto, `${others} request${others === 1 ? '' : 's'}`].join(' + ');
    rows.push({ figure, subject: flowNames[name], values, reference: { name: `floor: ${label}`, values: floor } });
  }
  // The 3-request flows against a conversation of their shape, measured: the sign-in after two lone requests.
  const shaped = get('flowCpu', 'signInAfterRequests');
  if (shaped.length === request.length) {
    rows.push({
      figure,
      subject: flowNames.signInAfterRequests,
      values: shaped,
      reference: { name: 'floor: the password sign-in + 2 requests', values: shaped.map((_, i) => password[i]! + 2 * request[i]!) },
    });
    const reference = { name: flowNames.signInAfterRequests, values: shaped };
    for (const name of ['emailOtp', 'totp'] as const) {
      const values = get('flowCpu', name);
      if (values.length === shaped.length) rows.push({ figure, subject: flowNames[name], values, reference });
    }
  }
  return rows;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The crypto the slowest flows must do, measured in this process as CPU ms (what it costs the server per flow). */
export interface FlowLimits {
  /** The server's SRP-6a math of one USER_SRP_AUTH sign-in: B = k·v + g^b, then S = (A·v^u)^b, mod the 3072-bit N. */
  srpMath: number;
  /** The two RSA-2048 key pairs a new pool's JWKS publishes (node:crypto, synchronous). */
  poolKeys: number;
  /** A passkey assertion's signature check as @simplewebauthn/server does it: the P-256 key imported (WebCrypto), then ECDSA verified. */
  assertion: number;
  /** What every flow that ends in tokens must compute: the ID and access tokens' RS256 signatures and the refresh token's JWE. */
  signInCrypto: number;
}

/** One round: a fresh `mock-idp serve`, the mint reference, then each flow (warm-up, then measured); then the limits. */
export async function measureFlows(dir: string, settings: FlowSettings, progress: (message: string) => void): Promise<{ flows: Record<FlowName, FlowResult>; limits: FlowLimits }> {
  return {
    flows: await measureFlowsOnce(dir, settings, progress),
    limits: {
      srpMath: await srpMathMs(settings.seconds / 4),
      poolKeys: poolKeysMs(settings.seconds < 1 ? 1 : 4),
      assertion: await assertionMs(settings.seconds / 4),
      signInCrypto: await signInCryptoMs(settings.seconds / 4),
    },
  };
}

/** CPU ms (user + system) this process spent since `since`: other load on the machine does not count. */
const cpuSince = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/** Mean CPU ms of the server's SRP math per sign-in, repeated for about `seconds`. */
function srpMathMs(seconds: number): Promise<number> {
  const v = verifierFor('LocalPool', alice.username, alice.password, randomBytes(16).toString('hex'));
  const A = modPow(g, BigInt(`0x${randomBytes(128).toString('hex')}`), N);
  return meanCpuMs(seconds, async () => {
    const { b, B } = serverEphemeral(v);
    passwordKey({ A, B, b, v });
  });
}

/** Mean CPU ms (all threads: WebCrypto works on the threadpool) of one assertion's key import and ECDSA P-256 verification. */
async function assertionMs(seconds: number): Promise<number> {
  const { subtle } = globalThis.crypto;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = await subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const data = randomBytes(69);
  const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data);
  return meanCpuMs(seconds, async () => {
    const key = await subtle.importKey('jwk', jwk, algorithm, false, ['verify']);
    if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data))) throw new Error('the assertion check failed');
  });
}

/**
 * Mean CPU ms (all threads: the signatures are made on the threadpool) of a sign-in's crypto, with the functions
 * mock-idp mints with: two RS256 signatures over payloads of the size of alice's ID and access tokens, and the
 * refresh token's JWE. A sign-in's three tokens are made at once, as the server makes them.
 */
async function signInCryptoMs(seconds: number): Promise<number> {
  const { privateKey } = await globalThis.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  const header = { kid: 'bench', alg: 'RS256' };
  const claims = { sub: randomBytes(16).toString('hex'), iss: 'http://127.0.0.1:4455/us-east-1_LocalPool', email: 'alice@example.com', jti: randomBytes(16).toString('hex'), exp: 1, iat: 1 };
  const idPayload = jsonBytes({ ...claims, 'cognito:username': 'alice', aud: spa, token_use: 'id', padding: 'x'.repeat(400) });
  const accessPayload = jsonBytes({ ...claims, client_id: spa, token_use: 'access', scope: 'aws.cognito.signin.user.admin', padding: 'x'.repeat(200) });
  const refresh = new RefreshTokenCodec();
  const contents: RefreshTokenContents = {
    pool: 'us-east-1_LocalPool',
    client: spa,
    username: 'alice',
    originJti: randomBytes(16).toString('hex'),
    authTime: 1,
    jti: randomBytes(16).toString('hex'),
    iat: 1,
    exp: 2,
  };
  await refresh.encode(contents);
  return meanCpuMs(seconds, () => Promise.all([signCompact(header, idPayload, privateKey), signCompact(header, accessPayload, privateKey), refresh.encode(contents)]));
}

/** Mean CPU ms (this process, every thread) of `work`, repeated one after another for about `seconds` (at least 3 times). */
async function meanCpuMs(seconds: number, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000 || count < 3) {
    await work();
    count++;
  }
  return cpuSince(cpu) / count;
}

/** Mean CPU ms of two RSA-2048 key pairs, over `pools` pools' worth (key generation varies a lot: primes are found by trial). */
function poolKeysMs(pools: number): number {
  const cpu = process.cpuUsage();
  for (let i = 0; i < pools * 2; i++) generateKeyPairSync('rsa', { modulusLength: 2048 });
  return cpuSince(cpu) / pools;
}

async function measureFlowsOnce(dir: string, settings: FlowSettings, progress: (message: string) => void): Promise<Record<FlowName, FlowResult>> {
  const config = join(dir, 'flows-config.json');
  await writeFile(
    config,
    JSON.stringify({
      // The example PreTokenGeneration function of the triggers guide, loaded in-process.
      lambda: { functions: preTokenFunctions() },
      // No App Services here: no embedded mongod beside the server.
      appServices: { store: 'memory' },
      // Keys for the pools CreateUserPool makes are generated, not taken from this machine's reservoir (which the start-up rows use).
      keys: { reservoir: false },
    }),
  );
  const port = await freePort();
  const server = await launch(
    { command: [process.execPath, ...profileArgs(), join(root, 'bin/mock-idp.js'), 'serve', '--port', String(port), '--config', config, '--log-level', 'warn'], jwksPath: '/.well-known/jwks.json' },
    port,
    logFileFor(dir, 'mock-idp serve (flows)'),
  );
  const http = driver(server.base, settings.conversations);
  const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: server.base, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const results = {} as Record<FlowName, FlowResult>;
    // Every flow set up first, before any is measured.
    const chosen = chosenFlows();
    const flows = {} as Record<FlowName, Flow>;
    for (const name of chosen) flows[name] = await flowSetUps[name]({ http, cognito, conversations: settings.conversations });
    const measure = async (name: FlowName, warmSeconds: number): Promise<FlowResult> => {
      // A pool's keys take a core for a while: as many pools at once as there are cores, not a queue of 32.
      const conversations = name === 'createPool' ? Math.min(2, settings.conversations) : settings.conversations;
      await drive(flows[name], conversations, warmSeconds);
      const before = cpuMs(server.pid);
      const { count, elapsedSeconds, p99Ms } = await drive(flows[name], conversations, settings.seconds);
      return { perSecond: count / elapsedSeconds, p99Ms, cpuMs: (cpuMs(server.pid) - before) / count };
    };
    // The server is new: the mint reference gets the longer warm-up, and is measured again at the end of the
    // round, so the reference is the mean of a measurement before and after the flows.
    progress('flows: mint');
    const first = await measure('mint', settings.warmSeconds * 3);
    for (const name of chosen) {
      if (name === 'mint') continue;
      progress(`flows: ${name}`);
      results[name] = await measure(name, settings.warmSeconds);
    }
    const last = await measure('mint', 0);
    results.mint = { perSecond: (first.perSecond + last.perSecond) / 2, p99Ms: (first.p99Ms + last.p99Ms) / 2, cpuMs: (first.cpuMs + last.cpuMs) / 2 };
    return results;
  } finally {
    cognito.destroy();
    http.close();
    await server.stop();
  }
}

/** With `MOCK_IDP_BENCH_PROFILE=<dir>`, the flows' server writes a V8 CPU profile there when it stops (one per round). */
const profileArgs = (): string[] => {
  const dir = process.env.MOCK_IDP_BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

/**
 * The flows to run: all, or with `MOCK_IDP_BENCH_FLOWS=totp,passkey` those (and the mint reference), as when
 * profiling one with `MOCK_IDP_BENCH_PROFILE`.
 */
function chosenFlows(): FlowName[] {
  const all = Object.keys(flowNames) as FlowName[];
  const asked = process.env.MOCK_IDP_BENCH_FLOWS?.split(',').filter(Boolean);
  if (!asked?.length) return all;
  const unknown = asked.filter((name) => !all.includes(name as FlowName));
  if (unknown.length) throw new Error(`MOCK_IDP_BENCH_FLOWS: no flow ${unknown.join(', ')} (flows: ${all.join(', ')})`);
  return all.filter((name) => name === 'mint' || asked.includes(name));
}

/** Runs `flow` in `conversations` loops for `seconds`: how many finished, in how long, and the p99 of their latencies. */
async function drive(flow: Flow, conversations: number, seconds: number) {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: conversations }, async (_, conversation) => {
      while (performance.now() < until) {
        const begun = performance.now();
        const cleanUp = await flow(conversation);
        latencies.push(performance.now() - begun);
        if (cleanUp) await cleanUp();
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, elapsedSeconds, p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN };
}

/** The server's CPU time so far (user + system), ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command); clock ticks, 100 a second on Linux.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
