import { adminTokenCodes, promptForAdminToken, storedAdminToken } from './admin-token.js';
import type { LoginOutcome, MatrixData } from './types.js';
import type {
  AppServicesAppsResponse,
  ClockState,
  JwksCacheReport,
  KeyInfo,
  KeysResponse,
  MintResponse,
  PoolsResponse,
  RetireResponse,
  RotateResponse,
  ScenariosResponse,
  TokenUse,
  TriggerInvocationInfo,
  TriggersResponse,
  VerifyReport,
} from './wire.js';

/** An error answer of the control API (`{statusCode, code, error, message}`), or a network failure (`code` NETWORK). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Control API paths; the admin token (when a server has one) guards only these. */
const isControl = (path: string) => path.startsWith('_mock/');

/**
 * Every request of the page goes through here. Paths are relative (no leading
 * slash), so the page works under a path prefix too. Control API calls carry
 * `Authorization: Bearer <admin token>` when one is stored; a 401
 * ADMIN_TOKEN_REQUIRED / ADMIN_TOKEN_INVALID asks for it and retries. The
 * public surfaces (JWKS, App Services login) get no admin token: the page
 * calls them as any client does.
 */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let token = isControl(path) ? storedAdminToken() : null;
  for (;;) {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `the server did not answer (${(error as Error).message}); is it still running?`);
    }
    if (response.status !== 401 || !isControl(path)) return response;
    const body = (await response.clone().json().catch(() => null)) as { code?: string; message?: string } | null;
    if (!body?.code || !adminTokenCodes.has(body.code)) return response;
    token = await promptForAdminToken(body.code, body.message ?? body.code);
    if (!token) return response;
  }
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await request(path, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, 'NOT_JSON', `${path} answered ${response.status} with something that is not JSON`);
  }
  if (!response.ok) {
    const error = body as { code?: string; message?: string } | null;
    throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? response.statusText);
  }
  return body as T;
}

const post = <T>(path: string, body: unknown) =>
  json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The tokens of a Cognito sign-in or refresh (`AuthenticationResult`). */
export interface AuthenticationResult {
  AccessToken: string;
  IdToken?: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: string;
}

/**
 * One call of the Cognito JSON API (`POST /` with `X-Amz-Target`), as the AWS
 * SDK makes it; only operations Cognito authorizes without IAM credentials, so
 * no admin token goes with it. A Cognito error (`{__type, message}`) throws
 * an {@link ApiError} whose code is the exception's name.
 */
async function cognito<T>(operation: string, body: unknown): Promise<T> {
  const response = await request('./', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as (T & { __type?: string; message?: string }) | null;
  if (!answer) throw new ApiError(response.status, 'NOT_JSON', `${operation} answered ${response.status} with something that is not JSON`);
  if (!response.ok) throw new ApiError(response.status, answer.__type ?? String(response.status), answer.message ?? response.statusText);
  return answer;
}

/** What a mint asks for: the fields of `POST /_mock/tokens` the page sets. */
export interface MintBody {
  pool: string;
  client: string;
  user: string;
  tokenUse: TokenUse;
  scenario: string;
  claims?: Record<string, unknown>;
  suppress?: string[];
}

/** What `POST /_mock/reset` answers: the clock, the keys and the faults after it. */
export interface ResetResponse {
  clock: ClockState;
  keys: KeyInfo[];
  faults: unknown[];
}

/** The server's public surfaces, as the page calls them. */
export const api = {
  pools: () => json<PoolsResponse>('_mock/pools'),
  scenarios: async () => (await json<ScenariosResponse>('_mock/scenarios')).scenarios,
  mint: (body: MintBody) => post<MintResponse>('_mock/tokens', body),
  verify: (body: { token: string; pool: string; client: string; tokenUse: TokenUse }) => post<VerifyReport>('_mock/verify', body),
  /** Verifies with the server's caching verifier (`"cache": "shared"`): its report says whether its JWKS copy answered or it fetched. */
  verifyCached: (body: { token: string; pool: string; client: string; tokenUse: TokenUse }) =>
    post<VerifyReport & { cache: JwksCacheReport }>('_mock/verify', { ...body, cache: 'shared' }),
  /** Makes the server's caching verifiers forget their JWKS copies (`DELETE /_mock/verify/cache`). */
  forgetCachedJwks: () => json<null>('_mock/verify/cache', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: '{}' }),
  keys: async (pool: string) => (await json<KeysResponse>(`_mock/keys?pool=${encodeURIComponent(pool)}`)).keys,
  rotate: (body: { pool: string; tokenUse?: TokenUse }) => post<RotateResponse>('_mock/keys/rotate', body),
  retire: (kid: string) => post<RetireResponse>(`_mock/keys/${encodeURIComponent(kid)}/retire`, {}),
  /** Forgets every key and makes fresh ones (a lesson starting over); the clock, pools and faults stay. */
  regenerateKeys: () => post<KeysResponse>('_mock/keys/regenerate', {}),
  /** Makes the JWKS fail (`POST /_mock/faults`), as a lesson on outages does. */
  setJwksFault: (fault: { status: number; count?: number }) => post<unknown>('_mock/faults', { target: 'jwks', ...fault }),
  /** The active faults (`GET /_mock/faults`): each one's target and how many requests it has left (null: until cleared). */
  faults: async () => (await json<{ faults: Array<{ target: string; remaining: number | null }> }>('_mock/faults')).faults,
  /** Clears every fault (`DELETE /_mock/faults`). */
  clearFaults: () => json<unknown>('_mock/faults', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: '{}' }),
  clock: () => json<ClockState>('_mock/clock'),
  changeClock: (body: { advanceSeconds: number } | { fixedTime: string } | { reset: true }) => post<ClockState>('_mock/clock', body),
  /** Everything back as at start (clock, faults, pools, sign-ins); with `keys`, a fresh key ring too. */
  reset: (body: { keys?: boolean }) => post<ResetResponse>('_mock/reset', body),
  apps: async () => (await json<AppServicesAppsResponse>('_mock/app-services/apps')).apps,
  /** The trigger journal, oldest first: every pool's, or one pool's. */
  triggers: async (pool?: string): Promise<TriggerInvocationInfo[]> =>
    (await json<TriggersResponse>(`_mock/triggers${pool ? `?pool=${encodeURIComponent(pool)}` : ''}`)).invocations,
  matrix: () => json<MatrixData>('page/matrix.json'),

  /** Cognito's InitiateAuth with USER_PASSWORD_AUTH: a sign-in with a password, as an app's client does it. */
  signIn: (ClientId: string, USERNAME: string, PASSWORD: string) =>
    cognito<{ AuthenticationResult?: AuthenticationResult; ChallengeName?: string }>('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD } }),
  /** Cognito's GetTokensFromRefreshToken (Amplify v6's refresh): new tokens, and with rotation a new refresh token. */
  refreshTokens: (ClientId: string, RefreshToken: string) => cognito<{ AuthenticationResult: AuthenticationResult }>('GetTokensFromRefreshToken', { ClientId, RefreshToken }),

  /**
   * The pool's JWKS as any client gets it (revalidated, never from the
   * browser's cache), with the caching headers that came with it.
   */
  async jwks(pool: string): Promise<{ body: unknown; cacheControl: string | null; etag: string | null; status: number }> {
    const response = await request(`${encodeURIComponent(pool)}/.well-known/jwks.json`, { cache: 'no-cache' });
    return { body: await response.json(), cacheControl: response.headers.get('cache-control'), etag: response.headers.get('etag'), status: response.status };
  },

  /** The App Services Custom JWT login, as realm-web calls it, then the profile it made. */
  async appServicesLogin(appId: string, token: string): Promise<LoginOutcome> {
    const base = `api/client/v2.0`;
    const response = await request(`${base}/app/${encodeURIComponent(appId)}/auth/providers/custom-token/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, options: { device: { sdkVersion: 'mock-idp page' } } }),
    });
    const body = (await response.json().catch(() => null)) as LoginOutcome['body'];
    let profile: LoginOutcome['profile'] = null;
    if (response.ok && body?.access_token) {
      const res = await request(`${base}/auth/profile`, { headers: { authorization: `Bearer ${body.access_token}` } });
      profile = res.ok ? ((await res.json()) as LoginOutcome['profile']) : null;
    }
    return { status: response.status, body, profile };
  },
};
