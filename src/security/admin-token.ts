import type { FastifyReply, FastifyRequest } from 'fastify';
import { MockIdpError, type ErrorCode } from '../errors.js';
import { toErrorBody } from '../plugins/error-handler.js';
import { sameSecret } from './constant-time.js';

/** The challenge sent with every 401 of the control API (RFC 6750 §3). */
export const adminChallenge = 'Bearer realm="mock-idp"';

const bearer = /^Bearer\s+(\S+)\s*$/i;

/**
 * An `onRequest` hook that lets a control API request through only with
 * `Authorization: Bearer <adminToken>`. No Bearer credentials: 401
 * ADMIN_TOKEN_REQUIRED; other credentials: 401 ADMIN_TOKEN_INVALID. The token
 * is compared in constant time.
 *
 * @example
 * app.addHook('onRequest', adminTokenGuard(config.adminToken));
 */
export function adminTokenGuard(adminToken: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = bearer.exec(request.headers.authorization ?? '');
    let code: ErrorCode | null = null;
    if (!match) code = 'ADMIN_TOKEN_REQUIRED';
    else if (!sameSecret(match[1]!, adminToken)) code = 'ADMIN_TOKEN_INVALID';
    if (code === null) return;
    const message =
      code === 'ADMIN_TOKEN_REQUIRED'
        ? 'this server has an admin token: send it as "Authorization: Bearer <token>" (CLI: --admin-token or MOCK_IDP_ADMIN_TOKEN)'
        : "the Bearer token is not this server's admin token";
    request.log.warn({ url: request.url.split('?')[0], code }, 'control API request refused');
    const body = toErrorBody(new MockIdpError(code, message));
    return reply.status(body.statusCode).header('www-authenticate', adminChallenge).send(body);
  };
}
