import type { FastifyInstance } from 'fastify';
import type { MintResponse } from '../../page/wire.js';
import type { Services } from '../../services.js';
import type { MintRequest } from '../../tokens/minter.js';
import { findScenario } from '../../tokens/scenarios.js';
import type { VerificationErrorCode } from '../../verifier/errors.js';

const mintBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pool: { type: 'string', maxLength: 128 },
    client: { type: 'string', maxLength: 128 },
    user: { type: 'string', maxLength: 256 },
    tokenUse: { enum: ['id', 'access'] },
    scenario: { type: 'string', maxLength: 64 },
    claims: { type: 'object' },
    suppress: { type: 'array', items: { type: 'string' }, maxItems: 100 },
    ttlSeconds: { type: 'integer', minimum: 1, maximum: 3650 * 86_400 },
    scope: { type: 'string', maxLength: 2048 },
  },
} as const;

/** `POST /_mock/tokens`: mint one token, for any user and scenario. */
export async function tokenRoutes(app: FastifyInstance, { minter }: Pick<Services, 'minter'>) {
  app.post<{ Body: MintRequest | undefined }>('/tokens', { schema: { body: mintBody } }, async (request): Promise<MintResponse<VerificationErrorCode>> => {
    const minted = await minter.mint(request.body ?? {});
    return { ...minted, explanation: findScenario(minted.scenario)!.explanation };
  });
}
