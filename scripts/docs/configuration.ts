import { readFileSync } from 'node:fs';
import { defaults } from '../../src/config/defaults.js';
import { environmentVariables } from '../../src/config/load-config.js';
import { configFileSchema, usersFileSchema } from '../../src/config/schema.js';
import { clientFromConfig } from '../../src/directory/directory.js';
import { immutableClaims } from '../../src/tokens/claim-rules.js';
import { cell, code, table } from './markdown.js';
import type { JsonSchema } from '../../src/config/json-schema.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/configuration.md: every setting of the config file, of a pool, of an app client, of
 * the claim rules and of the users file. The keys, their types and what each does come from the JSON
 * Schemas (src/config/schema.ts, whose `description`s are also the config types' TSDoc), the defaults
 * from `defaults` (src/config/defaults.ts), fixtures/config.json and `clientFromConfig`
 * (src/directory/directory.ts), the environment variables from `environmentVariables`
 * (src/config/load-config.ts) and the flags from {@link serveFlags}.
 */
export const configurationPage: GeneratedPage = {
  path: 'docs/reference/configuration.md',
  regions: () => [renderSettings(), renderEnvironment(), renderPoolSettings(), renderClientSettings(), renderClaimRules(), renderImmutableClaims(), renderUsersFile()],
};

type Schema = JsonSchema;

/** The `serve` flag that sets a setting, where there is one (see `mock-idp serve --help`). */
export const serveFlags: Readonly<Record<string, string>> = {
  host: '--host',
  port: '--port',
  publicUrl: '--public-url',
  allowedHosts: '--allowed-host (repeatable)',
  issuerStyle: '--issuer-style',
  logLevel: '--log-level',
  adminToken: '--admin-token',
  stateDir: '--state-dir',
  'keys.file': '--keys-file',
  'keys.rotateEverySeconds': '--rotate-every',
  'appServices.store': '--store',
  'appServices.mongodbUri': '--mongodb-uri',
  'tls.enabled': '--tls',
  'tls.dir': '--tls-dir',
};

/** Settings whose default is a path in the fixtures folder, which the loader resolves against it. */
const fixturePaths: ReadonlySet<string> = new Set(['usersFile', 'appServices.appsDir']);

/** A setting: its path and its schema. */
export interface Setting {
  path: string;
  schema: Schema;
}

/**
 * Every leaf of an object schema, depth first: objects with `properties` are walked (except claim
 * rules, which have their own table), everything else is a leaf. Paths in `skip` are left out.
 */
export function settingsOf(schema: Schema, prefix = '', skip: ReadonlySet<string> = new Set()): Setting[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    if (skip.has(path)) return [];
    const walk = child.properties && child.type === 'object' && key !== 'claimRules';
    return walk ? settingsOf(child, `${path}.`, skip) : [{ path, schema: child }];
  });
}

const configSchema = configFileSchema as Schema;
const poolSchema = configSchema.properties!.pools!.items!;
const clientSchema = poolSchema.properties!.clients!.items!;
const claimRulesSchema = poolSchema.properties!.claimRules!;
const userSchema = (usersFileSchema as Schema).properties!.users!.items!;

/** The config file's settings (not `$schema`, which editors read). */
export const configSettings = (): Setting[] => settingsOf(configSchema, '', new Set(['$schema']));
export const poolSettings = (): Setting[] => settingsOf(poolSchema, 'pools[].');
export const clientSettings = (): Setting[] => settingsOf(clientSchema, 'pools[].clients[].');
export const claimRuleSettings = (): Setting[] => settingsOf(claimRulesSchema, 'claimRules.');
export const userSettings = (): Setting[] => [...settingsOf(usersFileSchema, '', new Set(['users'])), ...settingsOf(userSchema, 'users[].')];

/** Every setting a table of the page lists. */
export function documentedSettings(): Setting[] {
  return [configSettings(), poolSettings(), clientSettings(), claimRuleSettings(), userSettings()].flat();
}

/** The paths of {@link documentedSettings}. */
export function documentedPaths(): string[] {
  return documentedSettings().map((s) => s.path);
}

/** The environment variable that sets each setting, from `environmentVariables` (`'keys.file'`, `'allowedHosts (comma-separated …)'`). */
export function environmentBySetting(): Map<string, { name: string; note: string | undefined }> {
  const out = new Map<string, { name: string; note: string | undefined }>();
  for (const [name, sets] of Object.entries(environmentVariables)) {
    const match = /^([A-Za-z.]+)(?: \((.+)\))?$/.exec(sets);
    if (match) out.set(match[1]!, { name, note: match[2] });
  }
  return out;
}

const join = (parts: string[]) => parts.join(' or ');

/** A schema's type in a few words: `integer 0–65535`, `` `local` \| `cognito` ``, `string or null`. */
export function typeText(schema: Schema): string {
  if (schema.enum) return schema.enum.map((v) => code(JSON.stringify(v))).join(', ');
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (schema.anyOf) return join(nullLast(schema.anyOf.map((s) => typeText(s))));
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : [...schema.type];
  return join(nullLast(types.map((type) => oneType(type, schema))));
}

function nullLast(parts: string[]): string[] {
  return [...parts.filter((p) => p !== 'null'), ...parts.filter((p) => p === 'null')];
}

function oneType(type: string, schema: Schema): string {
  if (type === 'array') {
    const items = schema.items;
    const what = !items ? 'values' : items.type === 'object' ? 'objects' : typeof items.type === 'string' ? `${items.type}s` : typeText(items);
    return `array of ${what}${count(schema.minItems, schema.maxItems)}`;
  }
  if (type === 'object') {
    const values = typeof schema.additionalProperties === 'object' ? ` of ${typeText(schema.additionalProperties)}s` : '';
    return `object${values}`;
  }
  if (type === 'string') return schema.maxLength === undefined ? 'string' : `string (≤ ${schema.maxLength} chars)`;
  if (type === 'integer' || type === 'number') return `${type}${range(schema.minimum, schema.maximum, schema.exclusiveMinimum)}`;
  return type;
}

/** ` 0–65535`, ` ≥ 1024`, ` > 0, ≤ 3600`. */
function range(min: number | undefined, max: number | undefined, exclusiveMin: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (exclusiveMin !== undefined) return ` > ${exclusiveMin}${max !== undefined ? `, ≤ ${max}` : ''}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/** `, at least 1`, `, at most 100`: how many items an array may have. */
function count(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `, ${min} to ${max}`;
  if (min !== undefined) return `, at least ${min}`;
  if (max !== undefined) return `, at most ${max}`;
  return '';
}

/** A default as the table shows it: JSON in code, with seconds and bytes also in words. */
export function defaultText(path: string, value: unknown): string {
  if (value === undefined) return '';
  const text = code(JSON.stringify(value));
  if (typeof value !== 'number' || value === 0) return text;
  if (/Seconds$/.test(path) && value >= 3600) return `${text} (${duration(value)})`;
  if (/Bytes$/.test(path) && value >= 1024 && value % 1024 === 0) return `${text} (${value / 1024} KiB)`;
  return text;
}

function duration(seconds: number): string {
  const days = seconds / 86_400;
  if (Number.isInteger(days)) return days === 1 ? '1 day' : `${days} days`;
  const hours = seconds / 3600;
  return Number.isInteger(hours) ? (hours === 1 ? '1 hour' : `${hours} hours`) : `${seconds} s`;
}

function at(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), object);
}

function readFixtureConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../fixtures/config.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** The default of a config file setting: `defaults`, else the fixture config the loader layers over it. */
function configDefault(path: string, fixture: Record<string, unknown>): string {
  const builtIn = at(defaults, path);
  if (builtIn !== undefined) return defaultText(path, builtIn);
  const fromFixture = at(fixture, path);
  if (fixturePaths.has(path) && typeof fromFixture === 'string') return code(`fixtures/${fromFixture}`);
  if (Array.isArray(fromFixture)) return `the ${fromFixture.length} pools of ${code('fixtures/config.json')}`;
  return defaultText(path, fromFixture);
}

/** What a setting does: its schema's `description`. */
function describe(path: string, schema: Schema): string {
  if (schema.description === undefined) throw new Error(`configuration docs: "${path}" has no description in src/config/schema.ts`);
  return cell(schema.description);
}

function envText(path: string, env: ReturnType<typeof environmentBySetting>): string {
  const variable = env.get(path);
  return variable ? `${code(variable.name)}${variable.note ? ` (${cell(variable.note)})` : ''}` : '';
}

function flagText(path: string): string {
  const flag = serveFlags[path];
  if (!flag) return '';
  const [name, ...rest] = flag.split(' ');
  return `${code(name!)}${rest.length ? ` ${rest.join(' ')}` : ''}`;
}

export function renderSettings(): string {
  const fixture = readFixtureConfig();
  const env = environmentBySetting();
  return table(
    ['setting', 'type', 'default', 'environment', 'flag', 'what it does'],
    configSettings().map(({ path, schema }) => [code(path), typeText(schema), configDefault(path, fixture), envText(path, env), flagText(path), describe(path, schema)]),
  );
}

export function renderEnvironment(): string {
  return table(
    ['variable', 'sets'],
    Object.entries(environmentVariables).map(([name, sets]) => {
      const match = /^([A-Za-z.]+)(?: \((.+)\))?$/.exec(sets);
      const setting = match && documentedPaths().includes(match[1]!) ? `${code(match[1]!)}${match[2] ? ` (${cell(match[2])})` : ''}` : cell(sets);
      return [code(name), setting];
    }),
  );
}

function settingsTable(settings: Setting[], defaultOf: (path: string, schema: Schema) => string, label: (path: string) => string): string {
  return table(
    ['key', 'type', 'default', 'what it does'],
    settings.map(({ path, schema }) => [code(label(path)), typeText(schema), defaultOf(path, schema), describe(path, schema)]),
  );
}

const lastKey = (prefix: string) => (path: string) => path.slice(prefix.length);

export function renderPoolSettings(): string {
  const required = new Set((poolSchema as { required?: string[] }).required ?? []);
  return settingsTable(
    poolSettings(),
    (path) => {
      const key = lastKey('pools[].')(path);
      if (required.has(key)) return 'required';
      return key === 'users' ? `${code('"*"')}` : '';
    },
    lastKey('pools[].'),
  );
}

export function renderClientSettings(): string {
  const required = new Set((clientSchema as { required?: string[] }).required ?? []);
  // The defaults of a client that names only its id and name.
  const filled = clientFromConfig({ id: 'client', name: 'client' }, 0) as unknown as Record<string, unknown>;
  return settingsTable(
    clientSettings(),
    (path) => {
      const key = lastKey('pools[].clients[].')(path);
      if (required.has(key)) return 'required';
      const value = filled[key];
      if (key === 'claimRules' || value === undefined) return '';
      return defaultText(key, value);
    },
    lastKey('pools[].clients[].'),
  );
}

export function renderClaimRules(): string {
  return settingsTable(claimRuleSettings(), () => '', lastKey('claimRules.'));
}

/** The claims no claim rule may touch, as one line. */
export function renderImmutableClaims(): string {
  return [...immutableClaims].map((claim) => code(claim)).join(', ');
}

export function renderUsersFile(): string {
  const required = new Set((userSchema as { required?: string[] }).required ?? []);
  return settingsTable(
    userSettings(),
    (path, schema) => {
      const key = lastKey('users[].')(path);
      if (path.startsWith('users[].') && required.has(key)) return 'required';
      return schema.default === undefined ? '' : defaultText(key, schema.default);
    },
    (path) => path,
  );
}
