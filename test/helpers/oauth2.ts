/**
 * Shared by the OAuth2 tests: a live server on the real clock (openid-client
 * checks `iat` against it), the fixture clients, and a plain HTTP client that
 * walks the hosted login page the way a browser without JavaScript would.
 */
import type { Test } from 'tap';
import { startTestIdp, type TestIdp } from './idp.js';

export const callback = 'http://localhost:3000/callback';
export const spaId = '1vngm1viu6qqksk0qckq8aag7p';
export const backendId = '74tsdvbgrc3esbuvkbj4ft5dam';
export const teamsSpaId = '1btg84t72jk3sji5tn8pa3gpvo';

export interface Fixtures {
  backendSecret: string;
  /** Fixture passwords by username (default pool and TeamsPool). */
  passwords: Record<string, string>;
  subs: Record<string, string>;
}

export async function startOAuthIdp(t: Test): Promise<TestIdp & { fixtures: Fixtures }> {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const { pools } = (await (await fetch(`${idp.url}/_mock/pools`)).json()) as { pools: any[] };
  const users = pools.flatMap((p) => p.users as Array<{ username: string; password: string; sub: string }>);
  const fixtures = {
    backendSecret: pools[0].clients.find((c: { id: string }) => c.id === backendId).secret,
    passwords: Object.fromEntries(users.map((u) => [u.username, u.password])),
    subs: Object.fromEntries(users.map((u) => [u.username, u.sub])),
  };
  return Object.assign(idp, { fixtures });
}

/** A request that does not follow redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** A form POST that does not follow redirects. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams(fields) });
}

/**
 * The hosted login form's CSRF pair, as a browser gets it: `GET` the login
 * page, keep its `XSRF-TOKEN` cookie and the form's hidden `_csrf` value.
 */
export async function loginCsrf(loginUrl: string): Promise<{ cookie: string; csrf: string }> {
  const page = await get(loginUrl);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error(`${loginUrl} answered ${page.status} without a _csrf field`);
  return { cookie: cookieOf(page), csrf };
}

/** A browser's POST of the hosted login form: the page first (for its CSRF cookie and field), then the form. */
export async function postLogin(loginUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const { cookie, csrf } = await loginCsrf(loginUrl);
  return postForm(loginUrl, { _csrf: csrf, ...fields }, { cookie, ...headers });
}

/** The authorize query for a client: code flow to {@link callback}, state `s1`, the given extras. */
export function authorizeQuery(clientId: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: callback, state: 's1', ...extra }).toString();
}

export function basic(id: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` };
}

/** `name=value` of a Set-Cookie header, for the next request's Cookie header. */
export function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * A browser's walk: GET authorize → 302 /login → GET /login (the CSRF cookie
 * and field) → POST /login (password or `pick`) → 302 authorize → 302 callback. Returns the final Location and the cookie.
 */
export async function signInThrough(t: Test, idp: TestIdp, query: string, login: Record<string, string>) {
  const first = await get(`${idp.url}/oauth2/authorize?${query}`);
  t.equal(first.status, 302, 'authorize without a session redirects');
  const loginUrl = first.headers.get('location')!;
  t.equal(loginUrl, `${idp.url}/login?${query}`, 'to /login with the same query');
  const posted = await postLogin(loginUrl, login);
  t.equal(posted.status, 302, 'the sign-in redirects');
  t.equal(posted.headers.get('location'), `${idp.url}/oauth2/authorize?${query}`, 'back to authorize');
  const cookie = cookieOf(posted);
  const back = await get(posted.headers.get('location')!, { cookie });
  t.equal(back.status, 302, 'authorize with the session redirects to the client');
  return { location: back.headers.get('location')!, cookie };
}

/** An authorization code for `clientId`, signed in by picking `username` on the login page. */
export async function codeFor(t: Test, idp: TestIdp, clientId: string, extra: Record<string, string> = {}, username = 'alice') {
  const { location } = await signInThrough(t, idp, authorizeQuery(clientId, { scope: 'openid email', ...extra }), { pick: username });
  return new URL(location).searchParams.get('code')!;
}

/** A token endpoint error: the status, Cognito's content type, and the code. */
export async function assertOAuthError(t: Test, res: Response, status: number, code: string): Promise<void> {
  t.equal(res.status, status, `${code}: status ${status}`);
  t.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8', `${code}: content type`);
  const body = (await res.json()) as Record<string, unknown>;
  t.equal(body.error, code, `error ${code}`);
  t.type(body.error_description, 'string');
}
