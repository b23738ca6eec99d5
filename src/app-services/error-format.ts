import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppServicesError, appServicesErrorCodes, type AppServicesErrorCode } from './errors.js';
import { isBodyTooLarge } from '../plugins/error-handler.js';

/**
 * App Services' error body, `{error, error_code, link}`, with content-type
 * exactly `application/json`: realm-core compares it with `==`, so Fastify's
 * `; charset=utf-8` would hide the error from native SDKs.
 */
export function sendAppServicesError(request: FastifyRequest, reply: FastifyReply, error: unknown, link: string) {
  let code: AppServicesErrorCode = 'InternalServerError';
  let message = 'internal server error';
  if (error instanceof AppServicesError) {
    ({ code, message } = error);
  } else if (error instanceof Error && typeof (error as FastifyError).statusCode === 'number' && (error as FastifyError).statusCode! < 500) {
    code = 'InvalidParameter';
    message = error.message;
  } else {
    request.log.error({ err: error }, 'App Services request failed');
  }
  return reply
    .status(isBodyTooLarge(error) ? 413 : appServicesErrorCodes[code].status)
    .header('content-type', 'application/json')
    .send(jsonBytes({ error: message, error_code: code, link }));
}

/** Sends `body` as JSON with content-type exactly `application/json`. */
export function sendJson(reply: FastifyReply, body: unknown, status = 200) {
  return reply.status(status).header('content-type', 'application/json').send(jsonBytes(body));
}

/**
 * The JSON as a Buffer: Fastify 5 appends `; charset=utf-8` to a JSON content
 * type sent with a string payload, but leaves a Buffer's content type alone.
 */
function jsonBytes(body: unknown): Buffer {
  return Buffer.from(JSON.stringify(body), 'utf8');
}
