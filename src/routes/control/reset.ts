import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** `POST /_mock/reset`: the clock back to real time and no faults; with `{"keys": true}` a fresh key ring too. */
export async function resetRoutes(app: FastifyInstance, { clock, keyRing, faults }: Pick<Services, 'clock' | 'keyRing' | 'faults'>) {
  app.post<{ Body: { keys?: boolean } | undefined }>(
    '/reset',
    { schema: { body: { type: 'object', additionalProperties: false, properties: { keys: { type: 'boolean' } } } } },
    async (request) => {
      clock.apply({ reset: true });
      faults.clear();
      if (request.body?.keys) await keyRing.regenerate();
      request.log.info({ keys: Boolean(request.body?.keys) }, 'reset');
      return { clock: clock.state(), keys: keyRing.entries().map((e) => keyRing.info(e)), faults: faults.list() };
    },
  );
}
