import { MockIdpError, type ErrorBody } from '../errors.js';

/** The default server URL of the CLI's client commands. */
export const defaultServerUrl = 'http://127.0.0.1:4455';

/** The admin token a client command sends: its `--admin-token`, else `MOCK_IDP_ADMIN_TOKEN` (read through the config loader, loaded only then). */
export async function adminToken(flag: string | undefined, env: Record<string, string | undefined>): Promise<string | undefined> {
  if (flag !== undefined) return flag;
  const { adminTokenFromEnv } = await import('../config/load-config.js');
  return adminTokenFromEnv(env);
}

/**
 * Calls the control API of a running server, with `Authorization: Bearer
 * <adminToken>` when one is given. Errors keep the server's code (e.g.
 * ADMIN_TOKEN_REQUIRED); an unreachable server is SERVER_UNREACHABLE with the
 * URL in the message.
 */
export async function callControlApi<T>(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown, adminToken?: string): Promise<T> {
  const url = `${baseUrl.replace(/\/+$/, '')}/_mock${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        // The control API refuses a POST without it, body or not (a browser cannot send it cross-site without asking first).
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new MockIdpError('SERVER_UNREACHABLE', `cannot reach mock-idp at ${baseUrl} (${cause}); start it with \`mock-idp serve\` or pass --url`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MockIdpError('SERVER_UNREACHABLE', `${url} answered ${response.status} with something that is not mock-idp's JSON`);
  }
  if (!response.ok) {
    const error = json as Partial<ErrorBody>;
    throw new MockIdpError(error.code ?? 'INTERNAL', error.message ?? `HTTP ${response.status}`);
  }
  return json as T;
}
