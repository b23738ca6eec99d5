/**
 * What runs: the references built into the harness, mock-idp as a user starts
 * it, and the peers (devDependencies, run as their CLIs start them). Each
 * subject says how to launch it and which loads it answers.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import threadpoolSize from '../../bin/threadpool-size.cjs';
import { KeyReservoir } from '../../src/keys/key-reservoir.js';
import type { LaunchSpec } from './server-process.js';
import type { LoadSpec } from './wrk.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fromRoot = (path: string) => join(root, path);
const testKeys = fromRoot('fixtures/keys/local-pools.test-only.json');

/** The loads the table has rows for. */
export type LoadName = 'jwks' | 'mint1' | 'mint3' | 'login';

/** A load a subject answers: the request, and how many tokens each answer carries. */
export interface SubjectLoad {
  tokensPerRequest: number;
  /** Prepares the load against a started server (accounts, tokens). */
  prepare(base: string): Promise<LoadSpec>;
}

export interface Subject {
  name: string;
  launch(port: number, dir: string): Promise<LaunchSpec>;
  loads: Partial<Record<LoadName, SubjectLoad>>;
}

/**
 * The references' environment: libuv's threadpool as the mock-idp command sizes its own (bin/threadpool-size.cjs),
 * so a reference signs (or makes keys) on as many threads as mock-idp, like with like.
 */
const threadpool = { UV_THREADPOOL_SIZE: String(threadpoolSize()) };

const json = { 'content-type': 'application/json' };
const amzJson = (operation: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
});

const mockIdpClient = '1vngm1viu6qqksk0qckq8aag7p';
const alicePassword = 'Finding-8296-same!';
const appId = (JSON.parse(readFileSync(fromRoot('fixtures/app-services/mock-idp-app/root_config.json'), 'utf8')) as { app_id: string }).app_id;

/** Distinct ID tokens minted for the App Services login load: more than the verifier's cache holds, so every login verifies a signature. */
export const distinctLoginTokens = 4096;

const mockIdpLoads: Subject['loads'] = {
  jwks: { tokensPerRequest: 0, prepare: async () => ({ path: '/.well-known/jwks.json' }) },
  mint1: {
    tokensPerRequest: 1,
    prepare: async () => ({ path: '/_mock/tokens', method: 'POST', headers: json, body: JSON.stringify({ user: 'alice', tokenUse: 'access' }) }),
  },
  mint3: {
    tokensPerRequest: 3,
    prepare: async () => ({
      path: '/',
      method: 'POST',
      headers: amzJson('InitiateAuth'),
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: mockIdpClient, AuthParameters: { USERNAME: 'alice', PASSWORD: alicePassword } }),
    }),
  },
  login: {
    tokensPerRequest: 0,
    prepare: async (base) => {
      const bodies: string[] = [];
      const batch = 64;
      for (let i = 0; i < distinctLoginTokens; i += batch) {
        const tokens = await Promise.all(
          Array.from({ length: batch }, async () => {
            const response = await post(`${base}/_mock/tokens`, json, JSON.stringify({ user: 'alice', tokenUse: 'id' }));
            return (response as { token: string }).token;
          }),
        );
        bodies.push(...tokens.map((token) => JSON.stringify({ token })));
      }
      return { path: `/api/client/v2.0/app/${appId}/auth/providers/custom-token/login`, method: 'POST', headers: json, bodies };
    },
  },
};

/** The reference signer (references/signer-server.mjs), minting through the routes under `prefix`. */
function signer(name: string, prefix: '' | '/cognito'): Subject {
  return {
    name,
    launch: async (port) => ({
      command: [process.execPath, fromRoot('test/bench/references/signer-server.mjs'), String(port), testKeys],
      env: threadpool,
      jwksPath: '/.well-known/jwks.json',
    }),
    loads: {
      mint1: { tokensPerRequest: 1, prepare: async () => ({ path: `${prefix}/token`, method: 'POST' }) },
      mint3: { tokensPerRequest: 3, prepare: async () => ({ path: `${prefix}/sign-in`, method: 'POST' }) },
    },
  };
}

/**
 * A ceiling reference (references/*-ceiling-server.mjs: `script` and its arguments after the port and keys file),
 * sent mock-idp's own mint requests (headers and bodies) at its `/token` and `/sign-in`.
 */
function ceiling(name: string, [script, ...args]: [string, ...string[]], loads: Array<'mint1' | 'mint3'> = ['mint1', 'mint3']): Subject {
  const paths = { mint1: '/token', mint3: '/sign-in' } as const;
  return {
    name,
    launch: async (port) => ({
      command: [process.execPath, fromRoot(`test/bench/references/${script}`), String(port), testKeys, ...args],
      env: threadpool,
      jwksPath: '/.well-known/jwks.json',
    }),
    loads: Object.fromEntries(
      loads.map((load) => [load, { tokensPerRequest: mockIdpLoads[load]!.tokensPerRequest, prepare: async (base: string) => ({ ...(await mockIdpLoads[load]!.prepare(base)), path: paths[load] }) }]),
    ),
  };
}

/** The references and the subjects, in the order the table lists them. */
export const subjects: Record<
  | 'bareJwks'
  | 'bareJwksFreshKeys'
  | 'bareJwksOneFreshKey'
  | 'bareSigner'
  | 'bareSignerCognitoSize'
  | 'httpCeiling'
  | 'httpWorkersCeiling'
  | 'fastifyCeiling'
  | 'fastifyJoseCeiling'
  | 'mockIdp'
  | 'mockIdpNoReservoir'
  | 'mockIdpKeysFile'
  | 'oauth2MockServer'
  | 'cognitoLocal',
  Subject
> = {
  bareJwks: {
    name: 'bare Fastify JWKS',
    launch: async (port) => ({ command: [process.execPath, fromRoot('test/bench/references/jwks-server.mjs'), String(port)], env: threadpool, jwksPath: '/.well-known/jwks.json' }),
    loads: { jwks: { tokensPerRequest: 0, prepare: async () => ({ path: '/.well-known/jwks.json' }) } },
  },
  bareJwksFreshKeys: {
    name: 'bare Fastify JWKS, 2 fresh key pairs',
    launch: async (port) => ({
      command: [process.execPath, fromRoot('test/bench/references/jwks-fresh-keys-server.mjs'), String(port)],
      env: threadpool,
      jwksPath: '/.well-known/jwks.json',
    }),
    loads: {},
  },
  // The same with one key pair, as oauth2-mock-server makes at start: that peer's floor.
  bareJwksOneFreshKey: {
    name: 'bare Fastify JWKS, 1 fresh key pair',
    launch: async (port) => ({
      command: [process.execPath, fromRoot('test/bench/references/jwks-fresh-keys-server.mjs'), String(port), '1'],
      env: threadpool,
      jwksPath: '/.well-known/jwks.json',
    }),
    loads: {},
  },
  bareSigner: signer('bare Fastify + jose signer', ''),
  // The same server signing tokens of the size of mock-idp's (see signer-server.mjs): what the size costs.
  bareSignerCognitoSize: signer('bare Fastify + jose signer, Cognito-sized tokens', '/cognito'),
  // The HTTP ceiling for minting (references/http-ceiling-server.mjs): bare node:http, mock-idp-sized tokens signed as
  // mock-idp signs them, sent mock-idp's own requests (headers and bodies), so only the server's own work differs.
  httpCeiling: ceiling('HTTP ceiling (bare node:http + node:crypto)', ['http-ceiling-server.mjs']),
  // The same server signing another way (references/worker-signer.mjs): in batches, synchronously, on a worker thread
  // per core. Whether the HTTP ceiling is the machine's, or only that of signing on libuv's threadpool.
  httpWorkersCeiling: ceiling('HTTP ceiling, signing batched on worker threads', ['http-ceiling-server.mjs', 'workers']),
  // The same answers from a bare Fastify server (references/fastify-ceiling-server.mjs): the ceiling with mock-idp's framework.
  fastifyCeiling: ceiling('Fastify ceiling (bare Fastify + node:crypto)', ['fastify-ceiling-server.mjs']),
  // The same, with a sign-in's refresh token made by jose as mock-idp makes it: the ceiling under both fixed choices.
  fastifyJoseCeiling: ceiling("Fastify ceiling with jose's JWE", ['fastify-ceiling-server.mjs', 'jose'], ['mint3']),
  // As on a developer's machine after its first start: the key reservoir holds the keys a start takes. Filled
  // before the clock starts, since the bench stops a server before its own refill is done (a user's server lives on).
  mockIdp: {
    name: 'mock-idp serve',
    launch: async (port, dir) => {
      const reservoir = join(dir, 'key-reservoir');
      await new KeyReservoir({ dir: reservoir, capacity: 4, background: false }).refill();
      return {
        command: [process.execPath, fromRoot('bin/mock-idp.js'), 'serve', '--port', String(port)],
        env: { MOCK_IDP_KEY_RESERVOIR_DIR: reservoir },
        jwksPath: '/.well-known/jwks.json',
      };
    },
    loads: mockIdpLoads,
  },
  // A start that makes its keys (the first on a machine, or with the reservoir turned off).
  mockIdpNoReservoir: {
    name: 'mock-idp serve --no-key-reservoir',
    launch: async (port) => ({
      command: [process.execPath, fromRoot('bin/mock-idp.js'), 'serve', '--port', String(port), '--no-key-reservoir'],
      jwksPath: '/.well-known/jwks.json',
    }),
    loads: {},
  },
  mockIdpKeysFile: {
    name: 'mock-idp serve --keys-file',
    launch: async (port, dir) => {
      const keys = join(dir, `keys-${port}.json`);
      await copyFile(testKeys, keys);
      return { command: [process.execPath, fromRoot('bin/mock-idp.js'), 'serve', '--port', String(port), '--keys-file', keys], jwksPath: '/.well-known/jwks.json' };
    },
    loads: {},
  },
  oauth2MockServer: {
    name: 'oauth2-mock-server 8.2.3',
    launch: async (port) => ({
      command: [process.execPath, fromRoot('node_modules/oauth2-mock-server/dist/oauth2-mock-server.mjs'), '-a', '127.0.0.1', '-p', String(port)],
      jwksPath: '/jwks',
    }),
    loads: {
      jwks: { tokensPerRequest: 0, prepare: async () => ({ path: '/jwks' }) },
      mint1: {
        tokensPerRequest: 1,
        prepare: async () => ({ path: '/token', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=read' }),
      },
    },
  },
  cognitoLocal: {
    name: 'cognito-local 5.3.0',
    launch: async (port, dir) => {
      const cwd = join(dir, `cognito-local-${port}`);
      await mkdir(cwd, { recursive: true });
      return {
        command: [process.execPath, fromRoot('node_modules/cognito-local/lib/bin/start.js')],
        cwd,
        env: { PORT: String(port), HOST: '127.0.0.1' },
        jwksPath: '/us-east-1_bench/.well-known/jwks.json',
      };
    },
    loads: {
      jwks: { tokensPerRequest: 0, prepare: async () => ({ path: '/us-east-1_bench/.well-known/jwks.json' }) },
      mint3: { tokensPerRequest: 3, prepare: cognitoLocalSignIn },
    },
  },
};

/** A pool, a public client and a confirmed user in cognito-local, then InitiateAuth USER_PASSWORD_AUTH for them. */
async function cognitoLocalSignIn(base: string): Promise<LoadSpec> {
  const call = (operation: string, body: unknown) => post(base, amzJson(operation), JSON.stringify(body));
  const { UserPool } = (await call('CreateUserPool', { PoolName: 'bench' })) as { UserPool: { Id: string } };
  const { UserPoolClient } = (await call('CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'bench' })) as { UserPoolClient: { ClientId: string } };
  // cognito-local's pools sign in by email.
  const username = 'alice@example.com';
  await call('AdminCreateUser', { UserPoolId: UserPool.Id, Username: username, TemporaryPassword: alicePassword, MessageAction: 'SUPPRESS' });
  await call('AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: username, Password: alicePassword, Permanent: true });
  return {
    path: '/',
    method: 'POST',
    headers: amzJson('InitiateAuth'),
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: UserPoolClient.ClientId, AuthParameters: { USERNAME: username, PASSWORD: alicePassword } }),
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} → ${response.status}: ${text}`);
  return JSON.parse(text) as unknown;
}
