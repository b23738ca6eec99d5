import type { FastifyReply, FastifyRequest } from 'fastify';
import { MockIdpError } from '../errors.js';
import { toErrorBody } from '../plugins/error-handler.js';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type of a Content-Type header, lower-case, without parameters (`; charset=utf-8`). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** No body: no length, or a zero one, and no chunks. */
function bodyless(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * Sent by a browser: every browser in use sends `Origin` on a POST, PUT, PATCH
 * or DELETE (same-origin included, "null" from an opaque origin) and the
 * `Sec-Fetch-*` headers on requests to a local server; a page cannot remove
 * them. curl, the SDKs and test code send neither.
 */
function fromBrowser(request: FastifyRequest): boolean {
  return request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
}

/**
 * An `onRequest` hook for the control API: a request that can change state
 * (POST, PUT, PATCH, DELETE) must say `Content-Type: application/json`, with
 * or without a body (an empty one means "no fields"). A web page can send a
 * form or a `fetch(url, {method: 'POST'})` to any origin without asking
 * first; with this content type the browser must ask (a CORS preflight), and
 * the control API grants no other origin. Anything else is a 415
 * UNSUPPORTED_MEDIA_TYPE that changes nothing.
 *
 * One exception, for the command line: a request with no body that no browser
 * sent (`curl -X POST …/_mock/keys/rotate`, or with `-d ''`, which says
 * `application/x-www-form-urlencoded`) passes whatever its content type; that
 * content type, which describes nothing, is dropped. A page's empty form or
 * bodyless fetch carries `Origin`, and still gets the 415.
 *
 * @example
 * app.addHook('onRequest', requireJsonContentType);
 */
export async function requireJsonContentType(request: FastifyRequest, reply: FastifyReply) {
  if (readOnly.has(request.method) || mediaType(request.headers['content-type']) === 'application/json') return;
  if (bodyless(request) && !fromBrowser(request)) {
    // Else Fastify would look for a parser of that type for the (empty) body, and answer 415 for want of one.
    delete request.raw.headers['content-type'];
    return;
  }
  const body = toErrorBody(
    new MockIdpError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${request.method} ${request.url.split('?')[0]} changes state: send "Content-Type: application/json" with a JSON body, ` +
        `e.g. curl -X ${request.method} -H 'content-type: application/json' -d '{}' …; without it any web page could send this request`,
    ),
  );
  return reply.status(body.statusCode).send(body);
}
