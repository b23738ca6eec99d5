import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { triggerNames } from '../../triggers/trigger-functions.js';

const journalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pool: { type: 'string', maxLength: 55 },
    trigger: { enum: triggerNames },
  },
} as const;

/**
 * `GET /_mock/triggers[?pool=…&trigger=…]`: the last invocations of the pools' trigger functions, oldest
 * first (the event sent, the function's result or the error the caller got, the time it took on the
 * server's clock). `POST /_mock/reset` clears them.
 */
export async function triggerRoutes(app: FastifyInstance, { triggers }: Pick<Services, 'triggers'>) {
  app.get<{ Querystring: { pool?: string; trigger?: string } }>('/triggers', { schema: { querystring: journalQuery } }, async (request) => ({
    invocations: triggers.journal.list(request.query),
  }));
}
