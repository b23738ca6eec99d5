import type { FastifyRequest } from 'fastify';
import { OAuthError } from '../../cognito/oauth-errors.js';

/** Request parameters by name; a name sent twice is an error before this (RFC 6749 §3.1, §3.2). */
export type Params = Partial<Record<string, string>>;

/**
 * The plugin's `application/x-www-form-urlencoded` parser: URLSearchParams,
 * ten lines instead of @fastify/formbody, and it keeps repeated fields visible.
 */
export function parseForm(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  done(null, new URLSearchParams(body.toString()));
}

/** The form fields of a POST; invalid_request unless the body is a form without repeated fields. */
export function readForm(request: FastifyRequest): Params {
  if (!(request.body instanceof URLSearchParams)) {
    throw new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  return single(request.body);
}

/** The query string exactly as received (for forwarding between /oauth2/authorize and /login). */
export function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

/** The query parameters; invalid_request when one is repeated. */
export function readQuery(request: FastifyRequest): Params {
  return single(new URLSearchParams(rawQuery(request)));
}

function single(params: URLSearchParams): Params {
  const out: Params = {};
  for (const [name, value] of params) {
    if (name in out) throw new OAuthError('invalid_request', `Parameter ${name} is repeated`);
    out[name] = value;
  }
  return out;
}
