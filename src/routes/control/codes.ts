import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/**
 * `GET /_mock/pools/{poolId}/users/{username}/codes`: the codes the Cognito JSON
 * API "sent" the user and that are not used yet (SignUp, ResendConfirmationCode,
 * UpdateUserAttributes, ForgotPassword, sign-in and MFA codes, AdminCreateUser's invitation), newest last.
 */
export async function codeRoutes(app: FastifyInstance, { directory, confirmationCodes }: Pick<Services, 'directory' | 'confirmationCodes'>) {
  app.get<{ Params: { poolId: string; username: string } }>('/pools/:poolId/users/:username/codes', async (request) => {
    const pool = directory.pool(request.params.poolId);
    const user = directory.user(pool, request.params.username);
    return { pool: pool.id, username: user.username, codes: confirmationCodes.list(pool.id, user.username) };
  });
}
