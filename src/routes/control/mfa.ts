import type { FastifyInstance } from 'fastify';
import { totpCode } from '../../cognito/mfa.js';
import type { Services } from '../../services.js';

/**
 * `GET /_mock/pools/{poolId}/users/{username}/mfa`: the user's authenticator-app state, with the TOTP
 * secret (verified, and pending between AssociateSoftwareToken and VerifySoftwareToken) and the code
 * each gives at the server's time now, so tests can answer SOFTWARE_TOKEN_MFA.
 */
export async function mfaRoutes(app: FastifyInstance, { directory, clock }: Pick<Services, 'directory' | 'clock'>) {
  app.get<{ Params: { poolId: string; username: string } }>('/pools/:poolId/users/:username/mfa', async (request) => {
    const pool = directory.pool(request.params.poolId);
    const user = directory.user(pool, request.params.username);
    const mfa = user.mfa ?? {};
    const now = clock.now();
    return {
      pool: pool.id,
      username: user.username,
      totpEnabled: mfa.totpEnabled === true,
      totpPreferred: mfa.totpPreferred === true,
      totpSecret: mfa.totpSecret ?? null,
      totpCode: mfa.totpSecret ? totpCode(mfa.totpSecret, now) : null,
      pendingTotpSecret: mfa.pendingTotpSecret ?? null,
      pendingTotpCode: mfa.pendingTotpSecret ? totpCode(mfa.pendingTotpSecret, now) : null,
      deviceName: mfa.totpDeviceName ?? null,
    };
  });
}
