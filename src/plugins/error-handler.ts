import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorCodes, MockIdpError, type ErrorBody, type ErrorCode } from '../errors.js';

/** Fastify's own error codes, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'BAD_REQUEST',
};

/** Turns any error into the control API's wire format: `{statusCode, code, error, message}`. */
export function toErrorBody(error: unknown): ErrorBody {
  let code: ErrorCode = 'INTERNAL';
  let message = 'internal error';
  let details: Record<string, unknown> | undefined;
  if (error instanceof MockIdpError) {
    ({ code, message, details } = error);
  } else if (isFastifyError(error)) {
    code = fastifyCodes[error.code] ?? (error.statusCode && error.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL');
    message = error.validation ? describeValidation(error) : error.message;
  }
  const statusCode = errorCodes[code].status;
  return { statusCode, code, error: STATUS_CODES[statusCode]!, message, ...(details ? { details } : {}) };
}

/** Names the field: `body.usr: unknown field` rather than Ajv's "must NOT have additional properties". */
function describeValidation(error: FastifyError): string {
  const first = error.validation![0]!;
  const where = [error.validationContext ?? 'request', ...first.instancePath.split('/').slice(1)].join('.');
  const params = first.params;
  if (first.keyword === 'additionalProperties') return `${where}: unknown field "${String(params.additionalProperty)}"`;
  if (first.keyword === 'required') return `${where}: "${String(params.missingProperty)}" is required`;
  if (first.keyword === 'enum') return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

/** A body over `bodyLimitBytes`: every surface answers 413, each in its own format. */
export function isBodyTooLarge(error: unknown): boolean {
  return isFastifyError(error) && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as FastifyError).code === 'string';
}

/** A 404 in the control API's format, naming the method and path (the query left out). */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const body = toErrorBody(new MockIdpError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  return reply.status(404).send(body);
}

/**
 * The error mapping every surface shares by default. Surfaces with their own
 * wire format (Cognito, OAuth2, App Services) set their own handler inside
 * their plugin.
 */
export const errorHandling = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(body.statusCode).send(body);
    });
    app.setNotFoundHandler(sendNotFound);
  },
  // No `fastify: '5.x'`: the Fastify it runs on is the one this package depends on, and declaring a version makes
  // Fastify load semver at every start to check it.
  { name: 'mock-idp-error-handling' },
);
