import type { FastifyReply, FastifyRequest } from 'fastify';
import { MockIdpError } from '../errors.js';
import { toErrorBody } from '../plugins/error-handler.js';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type of a Content-Type header, lower-case, without parameters (`; charset=utf-8`). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * An `onRequest` hook for the control API: every request that can change
 * state (POST, PUT, PATCH, DELETE) must say `Content-Type: application/json`,
 * with or without a body (an empty one means "no fields"). A web page can send
 * a form or a `fetch(url, {method: 'POST'})` to any origin without asking
 * first; with this content type the browser must ask (a CORS preflight), and
 * the control API grants no other origin. Anything else is a 415
 * UNSUPPORTED_MEDIA_TYPE that changes nothing.
 *
 * @example
 * app.addHook('onRequest', requireJsonContentType);
 */
export async function requireJsonContentType(request: FastifyRequest, reply: FastifyReply) {
  if (readOnly.has(request.method) || mediaType(request.headers['content-type']) === 'application/json') return;
  const body = toErrorBody(
    new MockIdpError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${request.method} ${request.url.split('?')[0]} changes state: send "Content-Type: application/json" (an empty body is fine), ` +
        `e.g. curl -X ${request.method} -H 'content-type: application/json' …; without it any web page could send this request`,
    ),
  );
  return reply.status(body.statusCode).send(body);
}
