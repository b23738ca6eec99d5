import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../../security/constant-time.js';
import { readCookie, setCookie } from './session-cookie.js';
import { pooledRandomBytes } from '../../runtime/random-bytes.js';

/** The cookie and the form field of the hosted login's CSRF token, as Cognito's hosted UI names them. */
export const csrfCookieName = 'XSRF-TOKEN';
export const csrfFieldName = '_csrf';

/**
 * The hosted login's CSRF defence, as Cognito's: `GET /login` sets an
 * `XSRF-TOKEN` cookie (HttpOnly, SameSite=Lax) and puts the same value in a
 * hidden `_csrf` field of each form; `POST /login` signs in only when the two
 * match. A page on another site can submit the form but can read neither.
 *
 * The token is also signed with a key of this process: cookies do not keep
 * ports apart, so a page served from another port of the same host can set
 * its own `XSRF-TOKEN` cookie here, and a plain cookie-equals-field check
 * would accept the value it chose. A token the server did not make is refused.
 * A restart makes a new key: a form shown before it asks to sign in again.
 *
 * @example
 * const csrf = new LoginCsrf();
 * const token = csrf.tokenFor(request, reply); // into the form
 * if (!csrf.check(request, form._csrf)) … // refuse
 */
export class LoginCsrf {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  /** The request's token when it brought a valid one, else a new one set as the cookie. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    const current = readCookie(request, csrfCookieName);
    if (current !== undefined && this.#signedHere(current)) return current;
    return this.renew(request, reply);
  }

  /** A new token, set as the cookie. */
  renew(request: FastifyRequest, reply: FastifyReply): string {
    const nonce = pooledRandomBytes(18).toString('base64url');
    const token = `${nonce}.${this.#mac(nonce)}`;
    setCookie(request, reply, csrfCookieName, token, null);
    return token;
  }

  /** Whether the form's field equals the cookie, and the cookie is a token this server made. */
  check(request: FastifyRequest, field: string | undefined): boolean {
    const cookie = readCookie(request, csrfCookieName);
    if (cookie === undefined || field === undefined) return false;
    return sameSecret(field, cookie) && this.#signedHere(cookie);
  }

  #signedHere(token: string): boolean {
    const dot = token.indexOf('.');
    if (dot <= 0) return false;
    const expected = Buffer.from(this.#mac(token.slice(0, dot)));
    const given = Buffer.from(token.slice(dot + 1));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(nonce: string): string {
    return createHmac('sha256', this.#key).update(nonce).digest('base64url');
  }
}
