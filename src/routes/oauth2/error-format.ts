import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { isBodyTooLarge } from '../../plugins/error-handler.js';
import { renderErrorPage } from './login-html.js';

/** Routes a browser shows: their errors are a page, not JSON. */
const pageRoutes = new Set(['/oauth2/authorize', '/login', '/logout']);

/**
 * The OAuth2 surface's one error renderer: `{"error", "error_description"}`
 * as `application/json;charset=UTF-8` (Cognito's content type) on the API
 * endpoints, or an HTML page on the browser's. Fastify's own 4xx errors (an
 * unsupported content type, a bad body) are invalid_request.
 */
export function sendOAuthError(request: FastifyRequest, reply: FastifyReply, thrown: unknown) {
  const error = toOAuthError(request, thrown);
  if (pageRoutes.has(request.routeOptions.url ?? '')) return sendHtml(reply, renderErrorPage(error), error.statusCode);
  return sendOAuthJson(reply, { error: error.code, error_description: error.message }, error.statusCode);
}

function toOAuthError(request: FastifyRequest, error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  const status = (error as FastifyError | undefined)?.statusCode;
  if (error instanceof Error && typeof status === 'number' && status < 500) return new OAuthError('invalid_request', error.message, isBodyTooLarge(error) ? { status: 413 } : {});
  request.log.error({ err: error }, 'OAuth2 request failed');
  return new OAuthError('server_error', 'Internal error');
}

/**
 * JSON with content-type exactly `application/json;charset=UTF-8`, never
 * cached (RFC 6749 §5.1). A Buffer, so Fastify leaves the content type alone.
 */
export function sendOAuthJson(reply: FastifyReply, body: unknown, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'application/json;charset=UTF-8')
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send(Buffer.from(JSON.stringify(body), 'utf8'));
}

/** A self-contained page: inline CSS only, no scripts, not framed, not cached. */
export function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}
