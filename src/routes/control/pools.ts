import type { FastifyInstance } from 'fastify';
import type { PoolsResponse } from '../../page/wire.js';
import type { Services } from '../../services.js';

/** `GET /_mock/pools`: every pool with its URLs, clients (with secrets) and users (with fixture passwords). */
export async function poolRoutes(app: FastifyInstance, { directory, urls }: Pick<Services, 'directory' | 'urls'>) {
  app.get('/pools', async (): Promise<PoolsResponse> => ({
    defaultPool: directory.defaultPoolId,
    pools: directory.pools().map((pool) => ({
      id: pool.id,
      region: pool.region,
      issuer: urls.issuer(pool.id),
      jwksUri: urls.jwksUri(pool.id),
      discoveryUri: urls.discoveryUri(pool.id),
      clients: pool.clients.map((c) => ({
        id: c.id,
        name: c.name,
        secret: c.secret,
        allowedScopes: c.allowedScopes,
        idTokenValiditySeconds: c.idTokenValiditySeconds,
        accessTokenValiditySeconds: c.accessTokenValiditySeconds,
        refreshTokenValiditySeconds: c.refreshTokenValiditySeconds,
        refreshTokenRotation: c.refreshTokenRotation,
        refreshTokenRetryGracePeriodSeconds: c.refreshTokenRetryGracePeriodSeconds ?? 0,
        callbackUrls: c.callbackUrls,
        logoutUrls: c.logoutUrls,
      })),
      users: pool.users.map((u) => ({
        username: u.username,
        sub: u.sub,
        password: u.password,
        enabled: u.enabled,
        status: u.status,
        groups: u.groups,
        attributes: u.attributes,
      })),
    })),
  }));
}
