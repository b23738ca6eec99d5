import type { FastifyInstance } from 'fastify';
import type { ScenariosResponse } from '../../page/wire.js';
import { describeScenario, scenarios } from '../../tokens/scenarios.js';
import type { VerificationErrorCode } from '../../verifier/errors.js';

/** `GET /_mock/scenarios`: the scenario table. */
export async function scenarioRoutes(app: FastifyInstance) {
  const body: ScenariosResponse<VerificationErrorCode> = { scenarios: scenarios.map(describeScenario) };
  app.get('/scenarios', async () => body);
}
