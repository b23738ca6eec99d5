import type { FastifyInstance } from 'fastify';
import type { TokenUse } from '../../config/types.js';
import type { KeysResponse, RetireResponse, RotateResponse } from '../../page/wire.js';
import type { Services } from '../../services.js';

const rotateBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pool: { type: 'string', maxLength: 128 },
    tokenUse: { enum: ['id', 'access'] },
    prePublishSeconds: { type: 'number', minimum: 0, maximum: 30 * 86_400 },
  },
} as const;

/** The key ring: list, rotate, retire, start again from fresh keys. */
export async function keyRoutes(app: FastifyInstance, { keyRing, directory, keysFile }: Pick<Services, 'keyRing' | 'directory' | 'keysFile'>) {
  const list = (pool?: string) =>
    keyRing
      .entries()
      .filter((e) => !pool || e.pool === pool)
      .map((e) => keyRing.info(e));

  app.get<{ Querystring: { pool?: string } }>(
    '/keys',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { pool: { type: 'string' } } } } },
    async (request): Promise<KeysResponse> => {
      if (request.query.pool) directory.pool(request.query.pool);
      return { keys: list(request.query.pool) };
    },
  );

  app.post<{ Body: { pool?: string; tokenUse?: TokenUse; prePublishSeconds?: number } | undefined }>('/keys/rotate', { schema: { body: rotateBody } }, async (request): Promise<RotateResponse> => {
    const added = await keyRing.rotate(request.body ?? {});
    // A rotation answered is a rotation saved: a crash after this answer keeps the new keys.
    await keysFile?.flush();
    request.log.info({ kids: added.map((e) => e.material.kid) }, `rotated ${added.length} key(s)`);
    return { rotated: added.map((e) => keyRing.info(e)), keys: list() };
  });

  app.post<{ Params: { kid: string } }>(
    '/keys/:kid/retire',
    { schema: { params: { type: 'object', properties: { kid: { type: 'string', maxLength: 128 } }, required: ['kid'] } } },
    async (request): Promise<RetireResponse> => {
      const entry = await keyRing.retire(request.params.kid);
      // As with a rotation: a retirement answered is a retirement saved.
      await keysFile?.flush();
      request.log.info({ kid: entry.material.kid }, 'retired a key');
      return { retired: keyRing.info(entry), keys: list() };
    },
  );

  // Fresh keys only (a lesson starting over): `POST /_mock/reset` with `keys: true` resets everything else too.
  app.post('/keys/regenerate', { schema: { body: { type: 'object', additionalProperties: false, properties: {} } } }, async (request): Promise<KeysResponse> => {
    await keyRing.regenerate();
    await keysFile?.flush();
    request.log.info('regenerated every key');
    return { keys: list() };
  });
}
