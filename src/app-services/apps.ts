import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MockIdpError } from '../errors.js';
import { parseMetadataPath, type MetadataField } from './metadata.js';

/** The `custom-token` provider of an app, normalized from `auth/providers.json`. */
export interface CustomJwtProvider {
  /** 24-hex id, stable per app (identities carry it as `provider_id`). */
  id: string;
  disabled: boolean;
  /** `aud` must contain all of these (or any, with requireAnyAudience); empty: the app id. */
  audiences: string[];
  requireAnyAudience: boolean;
  algorithm: 'RS256' | 'HS256';
  /** The JWK URI (RS256 with useJWKURI). A path starting with `/` is on this server (a mock-idp extension). */
  jwkUri: string | null;
  /** HS256 secrets, or RS256 public keys (PEM) when no JWK URI is used. */
  signingKeys: string[];
  metadataFields: MetadataField[];
}

/** An app, as found in an App Services app export folder. */
export interface AppConfig {
  appId: string;
  name: string;
  deploymentModel: string;
  location: string;
  /** The folder it was loaded from. */
  dir: string;
  provider: CustomJwtProvider | null;
  /** `auth/providers.json`'s custom-token entry as written, for GET /_mock/app-services/apps. */
  providerJson: unknown;
}

/**
 * Loads every app under `appsDir`: each subfolder in the layout of an App
 * Services app export (`root_config.json` or `realm_config.json` with `app_id`,
 * and `auth/providers.json`), plus an optional `secrets.json` mapping the
 * secret names in `secret_config.signingKeys` to their values (exports never
 * contain secret values). Errors name the file and the key.
 */
export async function loadApps(appsDir: string): Promise<AppConfig[]> {
  let entries: string[];
  try {
    entries = (await readdir(appsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    throw new MockIdpError('INVALID_CONFIG', `cannot read the App Services apps folder ${appsDir}: ${(error as Error).message}`);
  }
  const apps = await Promise.all(entries.map((name) => loadApp(join(appsDir, name))));
  const seen = new Set<string>();
  for (const app of apps) {
    if (seen.has(app.appId)) throw new MockIdpError('INVALID_CONFIG', `App Services app id "${app.appId}" is used by two folders under ${appsDir}`);
    seen.add(app.appId);
  }
  return apps;
}

async function loadApp(dir: string): Promise<AppConfig> {
  const root = (await readJson(join(dir, 'root_config.json'), true)) ?? (await readJson(join(dir, 'realm_config.json'), true));
  const fail = (file: string, message: string): never => {
    throw new MockIdpError('INVALID_CONFIG', `${join(dir, file)}: ${message}`);
  };
  if (!isObject(root)) return fail('root_config.json', 'not found (nor realm_config.json): every app folder needs one with "app_id"');
  if (typeof root.app_id !== 'string' || !/^[\w-]{1,64}$/.test(root.app_id)) return fail('root_config.json', '"app_id" must be a string like "myapp-abcde"');
  const providers = await readJson(join(dir, 'auth', 'providers.json'), true);
  const secrets = (await readJson(join(dir, 'secrets.json'), true)) ?? {};
  if (!isObject(secrets) || Object.values(secrets).some((v) => typeof v !== 'string')) fail('secrets.json', 'must map secret names to string values');
  const entry = isObject(providers) ? providers['custom-token'] : undefined;
  return {
    appId: root.app_id,
    name: typeof root.name === 'string' ? root.name : root.app_id,
    deploymentModel: typeof root.deployment_model === 'string' ? root.deployment_model : 'GLOBAL',
    location: typeof root.location === 'string' ? root.location : 'US-VA',
    dir,
    provider: entry === undefined ? null : parseProvider(entry, root.app_id, secrets as Record<string, string>, (m) => fail(join('auth', 'providers.json'), m)),
    providerJson: entry ?? null,
  };
}

function parseProvider(entry: unknown, appId: string, secrets: Record<string, string>, fail: (message: string) => never): CustomJwtProvider {
  if (!isObject(entry)) return fail('"custom-token" must be an object');
  if (entry.type !== 'custom-token' || entry.name !== 'custom-token') fail('"custom-token": "name" and "type" must both be "custom-token"');
  const config = isObject(entry.config) ? entry.config : fail('"custom-token.config" must be an object');
  const algorithm = config.signingAlgorithm ?? 'HS256';
  if (algorithm !== 'RS256' && algorithm !== 'HS256') fail('"config.signingAlgorithm" must be "RS256" or "HS256"');
  const useJwkUri = config.useJWKURI === true;
  if (useJwkUri && algorithm !== 'RS256') fail('"config.useJWKURI" needs "signingAlgorithm": "RS256"');
  if (useJwkUri && typeof config.jwkURI !== 'string') fail('"config.jwkURI" is required with "useJWKURI": true');

  const names = isObject(entry.secret_config) && Array.isArray(entry.secret_config.signingKeys) ? entry.secret_config.signingKeys : [];
  if (names.length > 3) fail('"secret_config.signingKeys" holds at most 3 keys');
  const signingKeys = names.map((name) => {
    if (typeof name !== 'string') return fail('"secret_config.signingKeys" must list secret names');
    const value = secrets[name];
    if (value === undefined) return fail(`secret "${name}" has no value: add it to secrets.json beside root_config.json`);
    if (value.length < 32 || value.length > 512) return fail(`secret "${name}" must be 32 to 512 characters`);
    return value;
  });
  if (!useJwkUri && signingKeys.length === 0) fail('a provider without a JWK URI needs "secret_config.signingKeys"');

  const rawFields = entry.metadata_fields ?? [];
  if (!Array.isArray(rawFields)) fail('"metadata_fields" must be an array');
  const metadataFields = (rawFields as unknown[]).map((f, i) => {
    if (!isObject(f) || typeof f.name !== 'string' || f.name === '') return fail(`"metadata_fields[${i}].name" must be a non-empty string`);
    const path = parseMetadataPath(f.name);
    const fieldName = typeof f.field_name === 'string' && f.field_name !== '' ? f.field_name : path[path.length - 1]!;
    if (fieldName.length >= 64) fail(`"metadata_fields[${i}].field_name" must be under 64 characters`);
    return { name: f.name, path, fieldName, required: f.required === true };
  });

  return {
    id: createHash('sha256').update(`${appId}/custom-token`).digest('hex').slice(0, 24),
    disabled: entry.disabled === true,
    audiences: parseAudience(config.audience, fail),
    requireAnyAudience: config.requireAnyAudience === true,
    algorithm,
    jwkUri: useJwkUri ? (config.jwkURI as string) : null,
    signingKeys,
    metadataFields,
  };
}

/** An array, a comma-separated string, or "" (none): all three appear in real configs. */
function parseAudience(value: unknown, fail: (message: string) => never): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((a) => typeof a === 'string')) return value.map((a) => a.trim()).filter(Boolean);
  return fail('"config.audience" must be a string or an array of strings');
}

async function readJson(path: string, optional: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MockIdpError('INVALID_CONFIG', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MockIdpError('INVALID_CONFIG', `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
