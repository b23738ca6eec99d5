import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MockIdpError } from '../errors.js';
import { defaults } from './defaults.js';
import { packageDir } from './package-dir.js';
import type { MockIdpConfig, UserRecord, UsersFile } from './types.js';
import { placeUsers } from './pool-users.js';
import { checkedBy, type SchemaValidator } from './validate.js';
import * as generated from './validators.generated.js';
import { checkClaimRules } from '../tokens/claim-rules.js';
import { configuredMfaProblem } from '../cognito/mfa-pool-config.js';
import { jsonErrorPosition } from '../runtime/json-error-position.js';
import type { AwsCredentials } from '../triggers/endpoint-invoker.js';

/** A partial config: what a file, the environment, CLI flags or library options may set. */
export type ConfigOverrides = Partial<Omit<MockIdpConfig, 'clock' | 'keys' | 'appServices' | 'tls' | 'lambda'>> & {
  lambda?: Partial<MockIdpConfig['lambda']>;
  tls?: Partial<MockIdpConfig['tls']>;
  clock?: Partial<MockIdpConfig['clock']>;
  keys?: Partial<MockIdpConfig['keys']>;
  appServices?: Partial<MockIdpConfig['appServices']>;
};

export interface LoadConfigOptions {
  /** A config file (JSON). Its settings replace the defaults; a `pools` list replaces the fixture pools whole. */
  file?: string | null | undefined;
  /** Environment variables to read (`MOCK_IDP_*`); the CLI passes `process.env`, the library nothing. */
  env?: Record<string, string | undefined>;
  /** The last layer: CLI flags or library options. */
  overrides?: ConfigOverrides;
}

export interface LoadedConfig {
  config: MockIdpConfig;
  users: UserRecord[];
  /**
   * AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), for
   * invoking trigger functions at `lambda.endpoint`; absent: fixed test credentials. Not a config key, so never printed.
   */
  awsCredentials?: AwsCredentials | null;
}

/** The folder of the default config, users and test-only keys. */
export const fixturesDir = join(packageDir, 'fixtures/');
export const defaultConfigFile = resolve(fixturesDir, 'config.json');

// Precompiled from schema.ts (npm run generate:validators), so no start compiles the schema.
const validateConfigFile = checkedBy<ConfigOverrides>(generated.validateConfigFile as SchemaValidator);
const validateUsersFile = checkedBy<UsersFile>(generated.validateUsersFile as SchemaValidator);

/** Environment variables the loader reads, and the setting each one sets. `npm run docs` lists them in docs/reference/configuration.md. */
export const environmentVariables = {
  MOCK_IDP_CONFIG: 'path of a config file',
  MOCK_IDP_HOST: 'host',
  MOCK_IDP_PORT: 'port',
  MOCK_IDP_PUBLIC_URL: 'publicUrl',
  MOCK_IDP_ALLOWED_HOSTS: 'allowedHosts (comma-separated host names or host:port)',
  MOCK_IDP_ISSUER_STYLE: 'issuerStyle',
  MOCK_IDP_LOG_LEVEL: 'logLevel',
  MOCK_IDP_LOG_FORMAT: 'how `mock-idp serve` writes logs: pretty (default on a terminal) or json (default otherwise)',
  MOCK_IDP_ADMIN_TOKEN: 'adminToken (the control API then requires it as a Bearer token)',
  MOCK_IDP_KEYS_FILE: 'keys.file',
  MOCK_IDP_STATE_DIR: 'stateDir',
  MOCK_IDP_ROTATE_EVERY_SECONDS: 'keys.rotateEverySeconds',
  MOCK_IDP_JWKS_MAX_AGE_SECONDS: 'keys.jwksMaxAgeSeconds',
  MOCK_IDP_KEY_RESERVOIR: 'keys.reservoir',
  MOCK_IDP_KEY_RESERVOIR_DIR: 'keys.reservoirDir',
  MOCK_IDP_FIXED_TIME: 'clock.fixedTime',
  MONGODB_URI: 'appServices.mongodbUri (and the mongodb store)',
  MOCK_IDP_TLS: 'tls.enabled ("1" or "true")',
  MOCK_IDP_TLS_DIR: 'tls.dir',
  MOCK_IDP_STORE: 'appServices.store',
  MOCK_IDP_REQUEST_TIMEOUT_SECONDS: 'requestTimeoutSeconds',
  MOCK_IDP_HEADERS_TIMEOUT_SECONDS: 'headersTimeoutSeconds',
  MOCK_IDP_MAX_CONNECTIONS: 'maxConnections',
  AWS_ENDPOINT_URL_LAMBDA: 'lambda.endpoint (where trigger functions not mapped to a module are invoked)',
  AWS_ENDPOINT_URL: 'lambda.endpoint, when AWS_ENDPOINT_URL_LAMBDA is not set',
} as const;

/** The variable that sets a config key (`publicUrl` → `MOCK_IDP_PUBLIC_URL ("publicUrl")`), for the environment's errors. */
function environmentVariableOf(path: string): string | undefined {
  const key = path.replace(/\[\d+\]$/, '');
  const name = Object.entries(environmentVariables).find(([, sets]) => sets.split(' ')[0] === key)?.[0];
  return name && `${name} ("${key}")`;
}

/**
 * The admin token the CLI's client commands send (`mock-idp rotate`, `mint --url`)
 * when no `--admin-token` flag is given: `MOCK_IDP_ADMIN_TOKEN`, as the server reads it.
 */
export function adminTokenFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.MOCK_IDP_ADMIN_TOKEN || undefined;
}

/**
 * The log format `mock-idp serve` is asked for by `MOCK_IDP_LOG_FORMAT` (its
 * `--log-format` wins), or undefined: how the CLI's logs look is the process's
 * business, not the server's, so it is not a config key.
 */
export function logFormatFromEnv(env: Record<string, string | undefined>): 'pretty' | 'json' | undefined {
  const value = env.MOCK_IDP_LOG_FORMAT;
  if (!value) return undefined;
  if (value !== 'pretty' && value !== 'json') {
    throw new MockIdpError('INVALID_CONFIG', `environment: MOCK_IDP_LOG_FORMAT must be "pretty" or "json", got "${value}"`);
  }
  return value;
}

/**
 * Builds the configuration, layer by layer: defaults ← fixtures/config.json ←
 * config file ← environment ← overrides. Each layer is validated on its own,
 * so an error names the layer and the key.
 *
 * @example
 * const { config, users } = await loadConfig({ file: 'mock-idp.json', env: process.env });
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? {};
  const file = options.file ?? env.MOCK_IDP_CONFIG ?? null;

  const fixtureLayer = resolvePaths(await readConfigFile(defaultConfigFile), fixturesDir);
  // A copy: callers may change the config they get without changing the defaults of the next load.
  let merged = merge(structuredClone(defaults), fixtureLayer);
  let storeChosen = Boolean(options.overrides?.appServices?.store ?? env.MOCK_IDP_STORE);
  if (file) {
    const path = resolve(file);
    const layer = resolvePaths(await readConfigFile(path), dirname(path));
    merged = merge(merged, layer);
    storeChosen ||= layer.appServices?.store !== undefined;
  }
  merged = merge(merged, validateConfigFile(fromEnv(env), 'environment', environmentVariableOf));
  merged = merge(merged, validateConfigFile(structuredClone(options.overrides ?? {}), 'options'));

  const config = merged as MockIdpConfig;
  // A MongoDB URI means "use it", unless the store was chosen explicitly.
  if (config.appServices.mongodbUri && !storeChosen) config.appServices.store = 'mongodb';
  if (config.publicUrl) config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  // A state dir keeps the keys too, unless a keys file is named.
  if (config.stateDir) {
    config.stateDir = resolve(config.stateDir);
    config.keys.file ??= join(config.stateDir, 'keys.json');
  }
  const users = placeUsers(config.pools, await readUsers(config.usersFile));
  checkReferences(config, users);
  const awsCredentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
      : null;
  return { config, users, awsCredentials };
}

async function readConfigFile(path: string): Promise<ConfigOverrides> {
  return validateConfigFile(await readJson(path, 'config file'), `config file ${path}`);
}

async function readUsers(path: string): Promise<UserRecord[]> {
  return validateUsersFile(await readJson(path, 'users file'), `users file ${path}`).users;
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MockIdpError('INVALID_CONFIG', `cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the error, which may be the admin token or a password.
    throw new MockIdpError('INVALID_CONFIG', `${what} ${path} is not valid JSON (${jsonErrorPosition(text)})`);
  }
}

/** Paths in a file are relative to that file. */
function resolvePaths(layer: ConfigOverrides, baseDir: string): ConfigOverrides {
  const at = (p: string | null | undefined) => (p && !isAbsolute(p) ? resolve(baseDir, p) : p);
  const out = { ...layer };
  if (out.usersFile) out.usersFile = at(out.usersFile)!;
  if (out.stateDir) out.stateDir = at(out.stateDir)!;
  if (out.appServices?.appsDir) out.appServices = { ...out.appServices, appsDir: at(out.appServices.appsDir)! };
  if (out.keys) out.keys = { ...out.keys, file: at(out.keys.file) ?? null, seedFile: at(out.keys.seedFile) ?? null, reservoirDir: at(out.keys.reservoirDir) ?? null };
  if (out.lambda?.functions) {
    out.lambda = {
      ...out.lambda,
      functions: Object.fromEntries(Object.entries(out.lambda.functions).map(([arn, f]) => [arn, f.module ? { ...f, module: at(f.module)! } : f])),
    };
  }
  if (out.keys && layer.keys?.file === undefined) delete out.keys.file;
  if (out.keys && layer.keys?.seedFile === undefined) delete out.keys.seedFile;
  if (out.keys && layer.keys?.reservoirDir === undefined) delete out.keys.reservoirDir;
  return out;
}

function fromEnv(env: Record<string, string | undefined>): ConfigOverrides {
  const out: ConfigOverrides = {};
  const number = (name: string, value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new MockIdpError('INVALID_CONFIG', `environment: ${name} must be a number, got "${value}"`);
    }
    return n;
  };
  const flag = (name: string, value: string) => {
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    throw new MockIdpError('INVALID_CONFIG', `environment: ${name} must be true or false (or 1/0, yes/no, on/off), got "${value}"`);
  };
  if (env.MOCK_IDP_HOST) out.host = env.MOCK_IDP_HOST;
  if (env.MOCK_IDP_PORT) out.port = number('MOCK_IDP_PORT', env.MOCK_IDP_PORT);
  if (env.MOCK_IDP_PUBLIC_URL) out.publicUrl = env.MOCK_IDP_PUBLIC_URL;
  if (env.MOCK_IDP_ALLOWED_HOSTS)
    out.allowedHosts = env.MOCK_IDP_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean);
  if (env.MOCK_IDP_ISSUER_STYLE) out.issuerStyle = env.MOCK_IDP_ISSUER_STYLE as MockIdpConfig['issuerStyle'];
  if (env.MOCK_IDP_LOG_LEVEL) out.logLevel = env.MOCK_IDP_LOG_LEVEL as MockIdpConfig['logLevel'];
  if (env.MOCK_IDP_ADMIN_TOKEN) out.adminToken = env.MOCK_IDP_ADMIN_TOKEN;
  if (env.MOCK_IDP_STATE_DIR) out.stateDir = resolve(env.MOCK_IDP_STATE_DIR);
  if (env.MOCK_IDP_REQUEST_TIMEOUT_SECONDS) out.requestTimeoutSeconds = number('MOCK_IDP_REQUEST_TIMEOUT_SECONDS', env.MOCK_IDP_REQUEST_TIMEOUT_SECONDS);
  if (env.MOCK_IDP_HEADERS_TIMEOUT_SECONDS) out.headersTimeoutSeconds = number('MOCK_IDP_HEADERS_TIMEOUT_SECONDS', env.MOCK_IDP_HEADERS_TIMEOUT_SECONDS);
  if (env.MOCK_IDP_MAX_CONNECTIONS) out.maxConnections = number('MOCK_IDP_MAX_CONNECTIONS', env.MOCK_IDP_MAX_CONNECTIONS);
  const keys: ConfigOverrides['keys'] = {};
  if (env.MOCK_IDP_KEYS_FILE) keys.file = resolve(env.MOCK_IDP_KEYS_FILE);
  if (env.MOCK_IDP_ROTATE_EVERY_SECONDS) {
    keys.rotateEverySeconds = number('MOCK_IDP_ROTATE_EVERY_SECONDS', env.MOCK_IDP_ROTATE_EVERY_SECONDS);
  }
  if (env.MOCK_IDP_JWKS_MAX_AGE_SECONDS) {
    keys.jwksMaxAgeSeconds = number('MOCK_IDP_JWKS_MAX_AGE_SECONDS', env.MOCK_IDP_JWKS_MAX_AGE_SECONDS);
  }
  if (env.MOCK_IDP_KEY_RESERVOIR) keys.reservoir = flag('MOCK_IDP_KEY_RESERVOIR', env.MOCK_IDP_KEY_RESERVOIR);
  if (env.MOCK_IDP_KEY_RESERVOIR_DIR) keys.reservoirDir = resolve(env.MOCK_IDP_KEY_RESERVOIR_DIR);
  if (Object.keys(keys).length) out.keys = keys;
  if (env.MOCK_IDP_FIXED_TIME) out.clock = { fixedTime: env.MOCK_IDP_FIXED_TIME };
  const tls: ConfigOverrides['tls'] = {};
  if (env.MOCK_IDP_TLS) tls.enabled = /^(1|true|yes)$/i.test(env.MOCK_IDP_TLS);
  if (env.MOCK_IDP_TLS_DIR) tls.dir = resolve(env.MOCK_IDP_TLS_DIR);
  if (Object.keys(tls).length) out.tls = tls;
  const appServices: ConfigOverrides['appServices'] = {};
  if (env.MONGODB_URI) appServices.mongodbUri = env.MONGODB_URI;
  if (env.MOCK_IDP_STORE) appServices.store = env.MOCK_IDP_STORE as MockIdpConfig['appServices']['store'];
  if (Object.keys(appServices).length) out.appServices = appServices;
  // The AWS SDKs' own service-specific endpoint settings (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
  const lambdaEndpoint = env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL;
  if (lambdaEndpoint) out.lambda = { endpoint: lambdaEndpoint };
  return out;
}

/**
 * Objects merge one level deep (`clock`, `keys`); everything else, arrays included, is replaced.
 * A layer that brings its own pools without naming a default pool gets its first pool as the
 * default, unless the inherited default is among its pools.
 */
function merge(base: ConfigOverrides, layer: ConfigOverrides): ConfigOverrides {
  const out: ConfigOverrides = { ...base };
  for (const [key, value] of Object.entries(layer) as [keyof ConfigOverrides, unknown][]) {
    if (value === undefined || key === ('$schema' as string)) continue;
    const current = out[key];
    (out as Record<string, unknown>)[key] = isPlainObject(value) && isPlainObject(current) ? { ...current, ...value } : value;
  }
  if (layer.pools?.length && layer.defaultPool === undefined && !layer.pools.some((p) => p.id === out.defaultPool)) {
    out.defaultPool = layer.pools[0]!.id;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkReferences(config: MockIdpConfig, users: UserRecord[]): void {
  const fail = (message: string) => {
    throw new MockIdpError('INVALID_CONFIG', message);
  };
  const poolIds = new Set<string>();
  const clientIds = new Set<string>();
  config.pools.forEach((pool, i) => {
    if (poolIds.has(pool.id)) fail(`pool "${pool.id}" is configured twice`);
    poolIds.add(pool.id);
    checkClaimRules(pool.claimRules, `pools[${i}].claimRules`);
    const mfaProblem = configuredMfaProblem(pool);
    if (mfaProblem) fail(`pools[${i}]: ${mfaProblem}`);
    const names = new Set<string>();
    pool.clients.forEach((client, j) => {
      checkClaimRules(client.claimRules, `pools[${i}].clients[${j}].claimRules`);
      if (clientIds.has(client.id)) fail(`client id "${client.id}" is used twice`);
      if (names.has(client.name)) fail(`pool "${pool.id}" has two clients named "${client.name}"`);
      clientIds.add(client.id);
      names.add(client.name);
    });
    // Users are optional in a pool (the schema allows it); absent means every user of the pool, as "*".
    if (Array.isArray(pool.users)) {
      for (const username of pool.users) {
        if (!users.some((u) => u.pool === pool.id && u.username === username)) {
          const elsewhere = [...new Set(users.filter((u) => u.username === username).map((u) => u.pool))];
          const own = users.some((u) => u.pool === pool.id);
          fail(
            `pool "${pool.id}" lists user "${username}", but the users file ${config.usersFile} ` +
              (elsewhere.length ? `puts that user in ${elsewhere.join(', ')}` : 'has no such user') +
              `: a pool lists users whose "pool" is "${pool.id}"` +
              (own ? '' : `, or takes "users": "*" (every user of a pool this config does not have)`),
          );
        }
      }
    }
  });
  checkTriggerFunctions(config, fail);
  if (!poolIds.has(config.defaultPool)) {
    fail(`defaultPool "${config.defaultPool}" is not one of the configured pools (${[...poolIds].join(', ')})`);
  }
}

/** Every ARN a configured pool's lambdaConfig names runs somewhere: a module under `lambda.functions`, or the endpoint. */
function checkTriggerFunctions(config: MockIdpConfig, fail: (message: string) => never): void {
  const arnPattern = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
  for (const [arn, entry] of Object.entries(config.lambda.functions)) {
    if (!arnPattern.test(arn)) fail(`lambda.functions: "${arn}" is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)`);
    if (!entry.module && !entry.functionName) fail(`lambda.functions["${arn}"] needs a "module" (run in-process) or a "functionName" (invoked at lambda.endpoint)`);
    if (entry.module && entry.functionName) fail(`lambda.functions["${arn}"] has both "module" and "functionName": choose one`);
    if (entry.functionName && !config.lambda.endpoint) fail(`lambda.functions["${arn}"] names a functionName but lambda.endpoint (or AWS_ENDPOINT_URL_LAMBDA) is not set`);
  }
  if (config.lambda.endpoint) return;
  config.pools.forEach((pool, i) => {
    const entries = Object.entries(pool.lambdaConfig ?? {}) as Array<[string, string | { LambdaArn: string }]>;
    const named = entries.map(([trigger, value]) => [trigger, typeof value === 'string' ? value : value.LambdaArn] as const);
    for (const [trigger, arn] of named) {
      if (!config.lambda.functions[arn]) {
        fail(
          `pools[${i}].lambdaConfig.${trigger} names ${arn}, which runs nowhere: map it to a module under lambda.functions ` +
            `({ "${arn}": { "module": "./triggers/handler.ts" } }) or set lambda.endpoint (or AWS_ENDPOINT_URL_LAMBDA) to a Lambda-compatible endpoint`,
        );
      }
    }
  });
}
