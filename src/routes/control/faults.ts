import type { FastifyInstance } from 'fastify';
import { faultBodies, faultLimits, faultTargets, type FaultSpec, type FaultTarget } from '../../faults/fault-injector.js';
import type { Services } from '../../services.js';

const faultBody = {
  type: 'object',
  additionalProperties: false,
  required: ['target'],
  properties: {
    target: { enum: faultTargets },
    status: { type: 'integer', ...faultLimits.status },
    delayMs: { type: 'integer', ...faultLimits.delayMs },
    body: { enum: faultBodies },
    count: { type: 'integer', ...faultLimits.count },
  },
} as const;

const clearQuery = { type: 'object', additionalProperties: false, properties: { target: { enum: faultTargets } } } as const;

/**
 * `/_mock/faults`: make a public endpoint (the JWKS, for now) slow, failing or
 * malformed. `POST` sets the target's fault (replacing any), `GET` lists the
 * active ones, `DELETE` clears all of them or one target's.
 */
export async function faultRoutes(app: FastifyInstance, { faults }: Pick<Services, 'faults'>) {
  app.get('/faults', async () => ({ faults: faults.list() }));

  app.post<{ Body: FaultSpec }>('/faults', { schema: { body: faultBody } }, async (request) => {
    const fault = faults.set(request.body);
    request.log.info({ fault }, `fault set on ${fault.target}`);
    return fault;
  });

  app.delete<{ Querystring: { target?: FaultTarget } }>('/faults', { schema: { querystring: clearQuery } }, async (request) => {
    faults.clear(request.query.target);
    request.log.info({ target: request.query.target ?? 'all' }, 'faults cleared');
    return { faults: faults.list() };
  });
}
