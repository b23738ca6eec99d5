import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** `POST /_mock/reset`: the clock back to real time; with `{"keys": true}` a fresh key ring too. */
export async function resetRoutes(app: FastifyInstance, { clock, keyRing }: Pick<Services, 'clock' | 'keyRing'>) {
  app.post<{ Body: { keys?: boolean } | undefined }>(
    '/reset',
    { schema: { body: { type: 'object', additionalProperties: false, properties: { keys: { type: 'boolean' } } } } },
    async (request) => {
      clock.apply({ reset: true });
      if (request.body?.keys) await keyRing.regenerate();
      request.log.info({ keys: Boolean(request.body?.keys) }, 'reset');
      return { clock: clock.state(), keys: keyRing.entries().map((e) => keyRing.info(e)) };
    },
  );
}
