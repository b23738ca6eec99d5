/**
 * The App Services "Custom JWT" login of a live mock-idp as a verifier: the
 * token goes to `POST /api/client/v2.0/app/{appId}/auth/providers/custom-token/login`,
 * as `realm-web`'s `app.logIn(Credentials.jwt(token))` sends it, and the answer
 * becomes a verdict: 200 is an accept; anything else a rejection with the
 * answer's `error_code` (`AuthError`, …) and `error` message.
 *
 * Unlike the library adapters, the keys are fetched and cached by the server
 * (the emulated App Services, from the app's JWK URI), not by this client: a
 * new adapter does not empty that cache, and `jwksFetches` is always 0.
 */
import type { CompatVerifier, LibraryName, LibraryVerdict } from './verifiers.js';

/** The matrix's name for this column. */
export const appServicesLoginName = 'App Services login (mock-idp)' satisfies LibraryName;

/** fixtures/app-services/mock-idp-app: RS256 by the default pool's JWKS, audience = the default pool's spa client. */
export const appServicesDefaultAppId = 'mock-idp-app-abcde';

export interface AppServicesLoginResult {
  status: number;
  /** The parsed JSON answer (null if it was not JSON). */
  body: Record<string, unknown> | null;
  contentType: string | null;
}

/** One login over HTTP, `{token}` in the body, as the docs' curl example sends it. */
export async function appServicesLogin(baseUrl: string, token: string, appId = appServicesDefaultAppId): Promise<AppServicesLoginResult> {
  const res = await fetch(`${baseUrl}/api/client/v2.0/app/${appId}/auth/providers/custom-token/login`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const text = await res.text();
  let body: Record<string, unknown> | null;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = null;
  }
  return { status: res.status, body, contentType: res.headers.get('content-type') };
}

/** A login answer as a matrix verdict: accept, or reject with `error_code` and `error`. */
export function loginVerdict({ status, body }: AppServicesLoginResult): LibraryVerdict {
  if (status === 200 && typeof body?.access_token === 'string') return { accept: true };
  const code = typeof body?.error_code === 'string' ? body.error_code : `HTTP ${status}`;
  return { accept: false, by: 'library', code, message: typeof body?.error === 'string' ? body.error : `HTTP ${status}` };
}

/**
 * The login of `appId` on the server at `baseUrl` as a {@link CompatVerifier}.
 * The verify options (issuer, client id, token use) are not sent: the app's
 * provider configuration decides, as in App Services (audience = the spa client
 * id for the default app; no issuer or token use setting exists).
 */
export function appServicesLoginVerifier({ baseUrl, appId = appServicesDefaultAppId }: { baseUrl: string; appId?: string }): CompatVerifier {
  return {
    name: appServicesLoginName,
    jwksFetches: 0,
    verify: async (token) => loginVerdict(await appServicesLogin(baseUrl, token, appId)),
  };
}
