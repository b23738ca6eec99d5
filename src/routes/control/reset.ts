import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/**
 * `POST /_mock/reset`: the clock back to real time and no faults; with
 * `{"keys": true}` a fresh key ring too, and with `{"appServices": true}` no
 * App Services users or sessions.
 */
export async function resetRoutes(app: FastifyInstance, { clock, keyRing, faults, store }: Pick<Services, 'clock' | 'keyRing' | 'faults' | 'store'>) {
  app.post<{ Body: { keys?: boolean; appServices?: boolean } | undefined }>(
    '/reset',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, properties: { keys: { type: 'boolean' }, appServices: { type: 'boolean' } } },
      },
    },
    async (request) => {
      clock.apply({ reset: true });
      faults.clear();
      if (request.body?.keys) await keyRing.regenerate();
      if (request.body?.appServices) await store.clear();
      request.log.info({ keys: Boolean(request.body?.keys), appServices: Boolean(request.body?.appServices) }, 'reset');
      return { clock: clock.state(), keys: keyRing.entries().map((e) => keyRing.info(e)), faults: faults.list() };
    },
  );
}
