import type { FastifyInstance } from 'fastify';
import type { ClockChange } from '../../clock.js';
import { MockIdpError } from '../../errors.js';
import type { Services } from '../../services.js';

const clockBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    advanceSeconds: { type: 'number' },
    offsetSeconds: { type: 'number' },
    fixedTime: { type: ['string', 'number'] },
    reset: { const: true },
  },
} as const;

/** The server's clock: read it, shift it, freeze it, reset it. */
export async function clockRoutes(app: FastifyInstance, { clock }: Pick<Services, 'clock'>) {
  app.get('/clock', async () => clock.state());
  app.post<{ Body: ClockChange }>('/clock', { schema: { body: clockBody } }, async (request) => {
    try {
      const state = clock.apply(request.body);
      request.log.info({ clock: state }, 'clock changed');
      return state;
    } catch (error) {
      if (error instanceof RangeError) throw new MockIdpError('BAD_REQUEST', error.message);
      throw error;
    }
  });
}
