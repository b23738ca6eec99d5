import type { FastifyInstance } from 'fastify';
import type { TokenUse } from '../../config/types.js';
import type { Services } from '../../services.js';
import { verifyReport } from '../../verify-report/verify-report.js';

const verifyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: {
    token: { type: 'string' },
    pool: { type: 'string', maxLength: 128 },
    client: { type: 'string', maxLength: 128 },
    tokenUse: { enum: ['id', 'access'] },
    cache: { enum: ['none', 'shared'] },
  },
} as const;

/**
 * `POST /_mock/verify`: runs a token through `mock-idp/verifier` configured for
 * a pool (default: the default pool), a client (id or name; default: its first)
 * and a token use (default `id`), on the server's clock, and answers the
 * verdict with a row per check. The verifier fetches the pool's JWKS over HTTP
 * like any client; from the listen address, as the App Services login does,
 * because a public URL set for other clients (a service name, a proxy) may not
 * lead back here from inside.
 *
 * `"cache": "none"` (the default) fetches the JWKS now, as a new verifier
 * would; `"cache": "shared"` uses the server's caching verifier for the
 * pool's JWKS URI, kept between calls (src/verify-report/caching-verifiers.ts),
 * and the report's `cache` says whether its copy answered or it fetched, and
 * why. `DELETE /_mock/verify/cache` makes the caching verifiers forget their
 * copies (so does `POST /_mock/reset`).
 */
export async function verifyRoutes(app: FastifyInstance, { directory, urls, clock, selfFetch, cachingVerifiers }: Pick<Services, 'directory' | 'urls' | 'clock' | 'selfFetch' | 'cachingVerifiers'>) {
  app.delete('/verify/cache', async (_request, reply) => {
    cachingVerifiers.clear();
    return reply.code(204).send();
  });
  app.post<{ Body: { token: string; pool?: string; client?: string; tokenUse?: TokenUse; cache?: 'none' | 'shared' } }>('/verify', { schema: { body: verifyBody } }, async (request) => {
    const pool = directory.pool(request.body.pool);
    const client = directory.client(pool, request.body.client);
    const target = {
      issuer: urls.issuer(pool.id),
      jwksUri: `${urls.listenUrl}/${pool.id}/.well-known/jwks.json`,
      clientId: client.id,
      tokenUse: request.body.tokenUse ?? 'id',
    };
    if (request.body.cache === 'shared') return cachingVerifiers.verify(request.body.token, target);
    return verifyReport(request.body.token, target, { now: () => clock.now(), fetch: selfFetch });
  });
}
