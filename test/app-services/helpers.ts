/**
 * Shared by the App Services tests: the fixture apps, a realm-web `App` with
 * its own storage, and raw calls to the client API (`/api/client/v2.0`).
 */
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import * as Realm from 'realm-web';
import type { MockIdp } from '../../src/index.js';

/** fixtures/app-services/mock-idp-app: RS256 by the default pool's JWKS, audience = the spa client. */
export const defaultAppId = 'mock-idp-app-abcde';
/** fixtures/app-services/mock-idp-hs256: HS256, no audience (so `aud` must hold the app id). */
export const hs256AppId = 'mock-idp-hs256-fghij';
/** The default pool's `spa` client: the default app's configured audience. */
export const spaClientId = '1vngm1viu6qqksk0qckq8aag7p';
/** The HS256 app's signing key, from its secrets.json. */
export const hs256Secret: string = (JSON.parse(readFileSync(new URL('../../fixtures/app-services/mock-idp-hs256/secrets.json', import.meta.url), 'utf8')) as Record<string, string>).jwtSigningKey1!;

export const clientApi = '/api/client/v2.0';
export const loginPath = (appId: string, provider = 'custom-token') => `${clientApi}/app/${appId}/auth/providers/${provider}/login`;

/** realm-web's `Storage` interface (not exported by name). */
export type RealmStorage = NonNullable<Realm.AppConfiguration['storage']>;

/**
 * realm-web's `Storage`, in memory. Each App gets its own, so no state leaks
 * between tests through realm-web's process-wide default storage.
 */
export function memoryStorage(data = new Map<string, string>(), listeners = new Set<() => void>(), base = ''): RealmStorage {
  return {
    get: (key) => data.get(base + key) ?? null,
    set: (key, value) => {
      data.set(base + key, value);
      for (const listener of listeners) listener();
    },
    remove: (key) => void data.delete(base + key),
    prefix: (part) => memoryStorage(data, listeners, `${base}${part}:`),
    clear: (prefix = '') => {
      for (const key of [...data.keys()]) if (key.startsWith(base + prefix)) data.delete(key);
    },
    addListener: (listener) => void listeners.add(listener),
    removeListener: (listener) => void listeners.delete(listener),
  };
}

/** A realm-web App on the live server, as an application builds it (location request included). */
export function realmApp(idp: Pick<MockIdp, 'url'>, appId = defaultAppId, storage: RealmStorage = memoryStorage()): Realm.App {
  return new Realm.App({ id: appId, baseUrl: idp.url, storage });
}

/** The MongoDBRealmError realm-web threw, or a failure naming what it got instead. */
export async function realmError(t: Test, promise: Promise<unknown>, what: string): Promise<Realm.MongoDBRealmError | null> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Realm.MongoDBRealmError) return error;
    t.fail(`${what}: expected a MongoDBRealmError, got ${String(error)}`);
    return null;
  }
  t.fail(`${what}: expected a rejection`);
  return null;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or null when empty or not JSON. */
  body: any;
}

/** A raw request to the server; `body` is sent as is (a string) or JSON-encoded. */
export async function raw(idp: Pick<MockIdp, 'url'>, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RawResponse> {
  const body = init.body === undefined || typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const headers = { ...(init.body !== undefined && typeof init.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const res = await fetch(idp.url + path, { method, headers, body: body });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** `POST …/auth/providers/custom-token/login` with `{token}`, as curl would. */
export function login(idp: Pick<MockIdp, 'url'>, token: string, appId = defaultAppId, extra: Record<string, unknown> = {}) {
  return raw(idp, 'POST', loginPath(appId), { body: { token, ...extra } });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * An App Services error answer: the status and `error_code`, a body of exactly
 * `{error, error_code, link}`, and content-type exactly `application/json`.
 */
export function assertClientError(t: Test, res: RawResponse, status: number, code: string, what = code): void {
  t.equal(res.status, status, `${what}: status ${status}`);
  t.equal(res.body?.error_code, code, `${what}: error_code ${code}`);
  t.same(Object.keys(res.body ?? {}).sort(), ['error', 'error_code', 'link'], `${what}: {error, error_code, link}`);
  t.type(res.body?.error, 'string', `${what}: error is a message`);
  t.equal(res.headers.get('content-type'), 'application/json', `${what}: content-type exactly application/json`);
}
