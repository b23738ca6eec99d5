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
import { CognitoIdentityProviderClient, type ExplicitAuthFlowsType } from '@aws-sdk/client-cognito-identity-provider';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alice, localPool, spa } from '../helpers/cognito.js';
import { enableTotp } from '../helpers/mfa.js';
import { passkeyPool, registerPasskey } from '../helpers/passkeys.js';
import { SoftwareAuthenticator, type RequestOptionsJson } from '../helpers/software-authenticator.js';
import { srpClient } from '../helpers/srp-client.js';
import { userAuthPool } from '../helpers/user-auth.js';
import { g, modPow, N, passwordKey, serverEphemeral, verifierFor } from '../../src/cognito/srp.js';
import { RefreshTokenCodec, type RefreshTokenContents } from '../../src/tokens/refresh-token.js';
import { jsonBytes, signCompact } from '../../src/tokens/sign.js';
import { freePort, launch, logFileFor } from './server-process.js';
import type { Row } from './table.js';

/** The flows, in the order they run and the table lists them; `mint` is the reference. TOTP's moves the server's clock: last (SRP's TIMESTAMP is the driver's time). */
export const flowNames = {
  mint: 'mint reference: POST /_mock/tokens (1 token)',
  password: 'USER_PASSWORD_AUTH sign-in (3 tokens, 1 request)',
  createPool: 'CreateUserPool → first JWKS of the pool (2 at once)',
  srp: 'USER_SRP_AUTH sign-in (2 requests)',
  emailOtp: 'USER_AUTH with EMAIL_OTP (3 requests, the code read through the control API)',
  passkey: 'USER_AUTH passkey sign-in (2 requests, ES256 assertion)',
  preToken: 'sign-in with a PreTokenGeneration V2_0 trigger (in-process module)',
  totp: 'TOTP MFA sign-in (3 requests, the code read through the control API)',
} as const;
export type FlowName = keyof typeof flowNames;

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
      // "No flow slower than 3 mints": flows/s at least a third of mints/s. The plain sign-in is there to compare with.
      const met = target && name !== 'password' ? { target: { op: '≥' as const, value: 0.33 } } : {};
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
  }
  return rows;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const preTokenArn = 'arn:aws:lambda:us-east-1:123456789012:function:bench-pre-token';
const password = 'Choosing-4711-ways!';

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
      srpMath: srpMathMs(settings.seconds / 4),
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
function srpMathMs(seconds: number): number {
  const v = verifierFor('LocalPool', alice.username, alice.password, randomBytes(16).toString('hex'));
  const A = modPow(g, BigInt(`0x${randomBytes(128).toString('hex')}`), N);
  let count = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000 || count < 3) {
    const { b, B } = serverEphemeral(v);
    passwordKey({ A, B, b, v });
    count++;
  }
  return cpuSince(cpu) / count;
}

/** Mean CPU ms (all threads: WebCrypto works on the threadpool) of one assertion's key import and ECDSA P-256 verification. */
async function assertionMs(seconds: number): Promise<number> {
  const { subtle } = globalThis.crypto;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = await subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const data = randomBytes(69);
  const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data);
  let count = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000 || count < 3) {
    const key = await subtle.importKey('jwk', jwk, algorithm, false, ['verify']);
    if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data))) throw new Error('the assertion check failed');
    count++;
  }
  return cpuSince(cpu) / count;
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
  let count = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000 || count < 3) {
    await Promise.all([signCompact(header, idPayload, privateKey), signCompact(header, accessPayload, privateKey), refresh.encode(contents)]);
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
      lambda: { functions: { [preTokenArn]: { module: join(root, 'examples/triggers/triggers/pre-token-generation.mjs') } } },
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
    const setUp: Record<FlowName, () => Flow | Promise<Flow>> = {
      mint: () => mintFlow(http),
      password: () => passwordFlow(http),
      createPool: () => createPoolFlow(http),
      srp: () => srpFlow(http),
      emailOtp: () => emailOtpFlow(http, cognito, settings.conversations),
      passkey: () => passkeyFlow(http, cognito, settings.conversations),
      preToken: () => preTokenFlow(http),
      totp: () => totpFlow(http, cognito, settings.conversations),
    };
    // Every flow set up first, before any is measured.
    const chosen = chosenFlows();
    const flows = {} as Record<FlowName, Flow>;
    for (const name of chosen) flows[name] = await setUp[name]();
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

/** One conversation of a flow, by conversation index; it may return a clean-up (run after its latency is taken). */
type Flow = (conversation: number) => Promise<(() => Promise<unknown>) | void>;

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

type Json = Record<string, any>;

/** The driver: JSON over node:http with a keep-alive agent, one socket per conversation. */
function driver(base: string, sockets: number) {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Json>((resolve, reject) => {
      const req = request({ host: hostname, port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text) as Json) : reject(new Error(`${method} ${path} ${headers['x-amz-target'] ?? ''} → ${res.statusCode}: ${text}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    cognito: (operation: string, input: Json) =>
      send('POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, JSON.stringify(input)),
    get: (path: string) => send('GET', path, {}),
    post: (path: string, input: Json) => send('POST', path, { 'content-type': 'application/json' }, JSON.stringify(input)),
    close: () => agent.destroy(),
  };
}
type Driver = ReturnType<typeof driver>;

const tokensOf = (answer: Json): Json => {
  if (!answer.AuthenticationResult?.AccessToken) throw new Error(`expected tokens, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.AuthenticationResult as Json;
};
const challenge = (answer: Json, name: string): Json => {
  if (answer.ChallengeName !== name) throw new Error(`expected the ${name} challenge, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
};

function mintFlow(http: Driver): Flow {
  return async () => {
    await http.post('/_mock/tokens', { user: alice.username, tokenUse: 'access' });
  };
}

function passwordFlow(http: Driver): Flow {
  return async () => {
    tokensOf(await http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }));
  };
}

/** A pool made, then its JWKS read until it has the pool's keys; the pool is deleted after (not timed). */
function createPoolFlow(http: Driver): Flow {
  let made = 0;
  return async () => {
    const { UserPool } = (await http.cognito('CreateUserPool', { PoolName: `bench-${made++}` })) as { UserPool: { Id: string } };
    const jwks = (await http.get(`/${UserPool.Id}/.well-known/jwks.json`)) as { keys: unknown[] };
    if (jwks.keys.length === 0) throw new Error(`the new pool ${UserPool.Id} published no key`);
    return () => http.cognito('DeleteUserPool', { UserPoolId: UserPool.Id });
  };
}

/** USER_SRP_AUTH as alice: SRP_A → PASSWORD_VERIFIER → tokens (the client's exponentiations are the driver's). */
function srpFlow(http: Driver): Flow {
  return async () => {
    const client = srpClient(localPool);
    const started = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, SRP_A: client.SRP_A } }), 'PASSWORD_VERIFIER');
    const ChallengeResponses = client.answer(started.ChallengeParameters as Record<string, string>, alice.password);
    tokensOf(await http.cognito('RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: spa, Session: started.Session, ChallengeResponses }));
  };
}

/** `count` more confirmed users with a password and a verified email in `pool`: user-0, user-1, … */
async function addUsers(http: Driver, pool: string, count: number): Promise<string[]> {
  const usernames = Array.from({ length: count }, (_, i) => `user-${i}`);
  await Promise.all(
    usernames.map(async (Username) => {
      const UserAttributes = [
        { Name: 'email', Value: `${Username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ];
      await http.cognito('AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS', UserAttributes });
      await http.cognito('AdminSetUserPassword', { UserPoolId: pool, Username, Password: password, Permanent: true });
    }),
  );
  return usernames;
}

/** USER_AUTH, EMAIL_OTP preferred → the code from the control API → tokens. A user per conversation: the latest code is its own. */
async function emailOtpFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const { pool, client } = await userAuthPool(cognito);
  const users = await addUsers(http, pool, conversations);
  return async (conversation) => {
    const USERNAME = users[conversation]!;
    const asked = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }), 'EMAIL_OTP');
    const { codes } = (await http.get(`/_mock/pools/${pool}/users/${USERNAME}/codes`)) as { codes: Array<{ purpose: string; code: string }> };
    const EMAIL_OTP_CODE = codes.filter((c) => c.purpose === 'SIGN_IN').at(-1)!.code;
    tokensOf(await http.cognito('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: client, Session: asked.Session, ChallengeResponses: { USERNAME, EMAIL_OTP_CODE } }));
  };
}

/** USER_AUTH, WEB_AUTHN preferred → the software authenticator's assertion → tokens. A user and a passkey per conversation (sign counters). */
async function passkeyFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const { pool, client } = await passkeyPool(cognito);
  const users = await addUsers(http, pool, conversations);
  const authenticators = await Promise.all(
    users.map(async (USERNAME) => {
      const signedIn = tokensOf(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password } }));
      return registerPasskey(cognito, signedIn.AccessToken as string, new SoftwareAuthenticator());
    }),
  );
  return async (conversation) => {
    const USERNAME = users[conversation]!;
    const asked = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }), 'WEB_AUTHN');
    const options = JSON.parse(asked.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS as string) as RequestOptionsJson;
    const CREDENTIAL = authenticators[conversation]!.get(options);
    tokensOf(await http.cognito('RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: client, Session: asked.Session, ChallengeResponses: { USERNAME, CREDENTIAL } }));
  };
}

/** USER_PASSWORD_AUTH in a pool whose PreTokenGeneration (V2_0) is the triggers guide's example module. */
async function preTokenFlow(http: Driver): Promise<Flow> {
  const flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  const { UserPool } = (await http.cognito('CreateUserPool', {
    PoolName: 'bench-triggers',
    UserPoolTier: 'ESSENTIALS',
    LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: preTokenArn, LambdaVersion: 'V2_0' } },
  })) as { UserPool: { Id: string } };
  const { UserPoolClient } = (await http.cognito('CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'app', ExplicitAuthFlows: flows })) as { UserPoolClient: { ClientId: string } };
  const [USERNAME] = await addUsers(http, UserPool.Id, 1);
  const signIn = () => http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: UserPoolClient.ClientId, AuthParameters: { USERNAME, PASSWORD: password } });
  const access = JSON.parse(Buffer.from((tokensOf(await signIn()).AccessToken as string).split('.')[1]!, 'base64url').toString()) as { tenant?: string };
  if (access.tenant !== 'example.com') throw new Error('the PreTokenGeneration trigger did not run');
  return async () => {
    tokensOf(await signIn());
  };
}

/**
 * USER_PASSWORD_AUTH → SOFTWARE_TOKEN_MFA → the code from the control API → tokens. A code works once per user
 * (and per 30-second step), so each conversation cycles through its own users, and when a user's turn comes
 * round again in the same step the driver moves the server's clock one step on (POST /_mock/clock), once for
 * everyone, while no code is between being read and being answered.
 */
async function totpFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const perConversation = 8;
  const { pool, client } = await userAuthPool(cognito, { factors: ['PASSWORD'], flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await enableTotp(cognito, 'OPTIONAL', pool);
  const users = await addUsers(http, pool, conversations * perConversation);
  const signIn = (USERNAME: string) => http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME, PASSWORD: password } });
  const mfaState = (username: string) => http.get(`/_mock/pools/${pool}/users/${username}/mfa`) as Promise<{ totpCode: string | null; pendingTotpCode: string | null }>;
  await Promise.all(
    users.map(async (username) => {
      const AccessToken = tokensOf(await signIn(username)).AccessToken as string;
      await http.cognito('AssociateSoftwareToken', { AccessToken });
      await http.cognito('VerifySoftwareToken', { AccessToken, UserCode: (await mfaState(username)).pendingTotpCode, FriendlyDeviceName: 'phone' });
      await http.cognito('SetUserMFAPreference', { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    }),
  );
  const clock = new StepGate(() => http.post('/_mock/clock', { advanceSeconds: 30 }));
  // The step each user last answered in: its verification's, step 0.
  const lastStep = new Map(users.map((u) => [u, 0]));
  const turns = Array.from({ length: conversations }, () => 0);
  return async (conversation) => {
    const turn = turns[conversation]!;
    turns[conversation] = turn + 1;
    const USERNAME = users[conversation * perConversation + (turn % perConversation)]!;
    const asked = challenge(await signIn(USERNAME), 'SOFTWARE_TOKEN_MFA');
    let step = await clock.enter();
    while (lastStep.get(USERNAME)! >= step) {
      clock.leave();
      await clock.advance();
      step = await clock.enter();
    }
    try {
      const { totpCode } = await mfaState(USERNAME);
      tokensOf(
        await http.cognito('RespondToAuthChallenge', {
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          ClientId: client,
          Session: asked.Session,
          ChallengeResponses: { USERNAME, SOFTWARE_TOKEN_MFA_CODE: totpCode },
        }),
      );
      lastStep.set(USERNAME, step);
    } finally {
      clock.leave();
    }
  };
}

/**
 * The driver's count of the server clock's 30-second steps: conversations `enter` (between reading a code and
 * answering it) and `leave`; `advance` waits until none is inside, moves the clock and counts one more step.
 * The server's own time goes on too, but one step more of offset is always at least one step more of time.
 */
class StepGate {
  #step = 0;
  #inside = 0;
  #advancing: Promise<void> | null = null;
  #emptied: (() => void) | null = null;
  readonly #move: () => Promise<unknown>;

  constructor(move: () => Promise<unknown>) {
    this.#move = move;
  }

  async enter(): Promise<number> {
    while (this.#advancing) await this.#advancing;
    this.#inside++;
    return this.#step;
  }

  leave(): void {
    this.#inside--;
    if (this.#inside === 0) this.#emptied?.();
  }

  advance(): Promise<void> {
    this.#advancing ??= (async () => {
      while (this.#inside > 0) await new Promise<void>((resolve) => (this.#emptied = resolve));
      this.#emptied = null;
      await this.#move();
      this.#step++;
      this.#advancing = null;
    })();
    return this.#advancing;
  }
}
