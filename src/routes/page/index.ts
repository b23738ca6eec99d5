import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MockIdpError } from '../../errors.js';
import { ifNoneMatch } from '../etag.js';
import { loadPageAssets } from './assets.js';
import { pageSecurityHeaders } from './security-headers.js';

/**
 * The teaching page: `GET /` and its files under `/page/`, from the package
 * (see assets.ts), with strict security headers. The page itself talks to the
 * server only through its public surfaces (control API, JWKS, App Services
 * login), so it needs nothing from the services here.
 */
export async function pageRoutes(app: FastifyInstance) {
  const { assets, missing } = await loadPageAssets();
  if (missing.length > 0) app.log.warn({ missing }, 'the teaching page is incomplete (run `npm run build` for its scripts)');

  app.addHook('onSend', async (_request, reply) => {
    reply.headers(pageSecurityHeaders);
  });

  const serve = (path: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const asset = assets.get(path);
    if (!asset) throw new MockIdpError('NOT_FOUND', `no page file ${path}`);
    reply.header('cache-control', 'no-cache').header('etag', asset.etag).type(asset.contentType);
    if (ifNoneMatch(request.headers['if-none-match'], asset.etag)) return reply.status(304).send();
    return reply.send(asset.body);
  };

  app.get('/', serve('/'));
  app.get<{ Params: { '*': string } }>('/page/*', (request, reply) => serve(`/page/${request.params['*']}`)(request, reply));
}
