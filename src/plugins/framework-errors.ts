import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendAppServicesError } from '../app-services/error-format.js';
import { adminTokenGuard } from '../security/admin-token.js';
import { toErrorBody } from './error-handler.js';

/**
 * Fastify's `frameworkErrors`: the errors its router raises before any route
 * (a path parameter over 100 characters, a malformed percent-encoding in one),
 * which Fastify would otherwise answer itself as `{error, code: "FST_ERR_…"}`,
 * outside every surface's format. They are answered here in the format of the
 * surface the path belongs to (App Services, or the control API's for the rest:
 * the JWKS and discovery paths), behind the admin token under `/_mock`.
 */
export function frameworkErrorHandler(options: { adminToken: string | null; appServicesLink: () => string }) {
  const guard = options.adminToken === null ? null : adminTokenGuard(options.adminToken);
  const answer = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/client/v2.0/')) return sendAppServicesError(request, reply, error, options.appServicesLink());
    if (guard && (path === '/_mock' || path.startsWith('/_mock/'))) {
      await guard(request, reply);
      if (reply.sent) return reply;
    }
    const body = toErrorBody(error);
    return reply.status(body.statusCode).send(body);
  };
  // Fastify's router drops what this handler returns, so a rejection would go unhandled: answer it here.
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    answer(error, request, reply).catch((failure: unknown) => {
      request.log.error({ err: failure }, 'answering a router error failed');
      if (!reply.sent) void reply.status(500).send(toErrorBody(failure));
    });
  };
}
