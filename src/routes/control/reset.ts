import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/**
 * `POST /_mock/reset`: every stateful service back as at start, through the
 * reset registry (src/runtime/reset-registry.ts): the clock to real time, no
 * faults, the configured pools and fixture users as configured (pools made
 * through the API deleted), no sign-ins, confirmation codes, authorization
 * codes, hosted-login sessions or Cognito challenge sessions, new SRP salts;
 * with `{"keys": true}` a fresh key ring too, and with `{"appServices": true}`
 * no App Services users or sessions.
 */
export async function resetRoutes(app: FastifyInstance, { resets, state, clock, keyRing, faults }: Pick<Services, 'resets' | 'state' | 'clock' | 'keyRing' | 'faults'>) {
  app.post<{ Body: { keys?: boolean; appServices?: boolean } | undefined }>(
    '/reset',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, properties: { keys: { type: 'boolean' }, appServices: { type: 'boolean' } } },
      },
    },
    async (request) => {
      const options = { keys: Boolean(request.body?.keys), appServices: Boolean(request.body?.appServices) };
      await resets.resetAll(options);
      await state.save();
      request.log.info(options, 'reset');
      return { clock: clock.state(), keys: keyRing.entries().map((e) => keyRing.info(e)), faults: faults.list() };
    },
  );
}
