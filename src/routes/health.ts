import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/** `GET /health`: 200 once every pool has signing keys, 503 before. */
export async function healthRoutes(app: FastifyInstance, { keyRing, directory, store }: Pick<Services, 'keyRing' | 'directory' | 'store'>) {
  app.get('/health', async (_request, reply) => {
    const pools = directory.pools().map((p) => p.id);
    const ready = pools.every((pool) => {
      try {
        keyRing.signingKey(pool, 'id');
        keyRing.signingKey(pool, 'access');
        return true;
      } catch {
        return false;
      }
    });
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ok' : 'starting',
      pools: pools.length,
      // Which App Services store is in use: "memory" means users and sessions are lost on restart.
      store: { kind: store.kind, description: store.description },
    });
  });
}
