import type { FastifyInstance } from 'fastify';
import { describeScenario, scenarios } from '../../tokens/scenarios.js';

/** `GET /_mock/scenarios`: the scenario table. */
export async function scenarioRoutes(app: FastifyInstance) {
  const body = { scenarios: scenarios.map(describeScenario) };
  app.get('/scenarios', async () => body);
}
