/**
 * A browser without JavaScript on the hosted login, for the MFA step tests: it keeps its CSRF cookie
 * across the sign-in form and the step's form, as a browser does, and sends only what the forms have.
 */
import { authorizeQuery, callback, get, loginCsrf, postForm, spaId } from './oauth2.js';
import type { TestIdp } from './idp.js';

export const errorCode = (html: string) => /data-code="([^"]+)"/.exec(html)?.[1];
export const challengeOf = (html: string) => /data-challenge="([^"]+)"/.exec(html)?.[1];
export const hiddenFields = (html: string) => [...html.matchAll(/<input type="hidden" name="([^"]+)"/g)].map((m) => m[1]);

export interface Answer {
  status: number;
  html: string;
  location: string | null;
  /** The Set-Cookie header ('' for none). */
  setCookie: string;
}

/** A browser at `/login?<query>` (default: the spa client's code flow) with its own CSRF cookie. */
export async function hostedBrowser(idp: Pick<TestIdp, 'url'>, query = authorizeQuery(spaId, { scope: 'openid email' })) {
  const loginUrl = `${idp.url}/login?${query}`;
  const { cookie, csrf } = await loginCsrf(loginUrl);
  const send = async (fields: Record<string, string>, headers: Record<string, string> = { cookie }): Promise<Answer> => {
    const res = await postForm(loginUrl, { _csrf: csrf, ...fields }, headers);
    return { status: res.status, html: await res.text(), location: res.headers.get('location'), setCookie: res.headers.get('set-cookie') ?? '' };
  };
  return {
    loginUrl,
    cookie,
    csrf,
    /** Posts the sign-in form. */
    password: (username: string, password: string) => send({ username, password }),
    /** Posts the MFA step's form. */
    code: (code: string) => send({ code }),
    send,
    /**
     * After a sign-in's 302: follows it to /oauth2/authorize with the session cookie and returns the
     * authorization code from the redirect to the client.
     */
    async authorizationCode(signedIn: Answer): Promise<string | null> {
      if (signedIn.status !== 302 || !signedIn.location) return null;
      const session = signedIn.setCookie.split(';')[0]!;
      const back = await get(signedIn.location, { cookie: session });
      const location = back.headers.get('location') ?? '';
      return location.startsWith(callback) ? new URL(location).searchParams.get('code') : null;
    },
  };
}

/** The token endpoint's answer to an authorization code of the spa client. */
export async function exchange(idp: Pick<TestIdp, 'url'>, code: string) {
  const res = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** The control API's view of a user's authenticator app. */
export async function mfaOf(idp: Pick<TestIdp, 'url'>, pool: string, username: string) {
  return (await (await fetch(`${idp.url}/_mock/pools/${pool}/users/${encodeURIComponent(username)}/mfa`)).json()) as Record<string, any>;
}
