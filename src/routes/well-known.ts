import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyWithJwksFault } from '../faults/jwks-fault.js';
import { jwksMaxAgeSeconds } from '../keys/jwks-max-age.js';
import type { Services } from '../services.js';
import { entityTag, ifNoneMatch } from './etag.js';

/** How long delayed JWKS answers may still run once the server closes: under `close()`'s 500 ms grace before it cuts connections. */
const inFlightGraceMs = 400;

type Deps = Pick<Services, 'keyRing' | 'directory' | 'urls' | 'config' | 'faults' | 'schedule' | 'clock'>;

/**
 * The pool's public documents, as Cognito serves them at
 * `https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/…`, plus the
 * default pool's at the root.
 */
export async function wellKnownRoutes(app: FastifyInstance, deps: Deps) {
  const { keyRing, directory, urls, config, faults, schedule, clock } = deps;
  // A delayed fault answer in flight when the server closes may finish within the grace period (SIGTERM lets
  // in-flight requests complete); one that would wait longer is answered 503 then, so it does not hold the server open.
  const closing = new AbortController();
  app.addHook('preClose', async () => {
    setTimeout(() => closing.abort(), inFlightGraceMs).unref();
  });

  /**
   * Each pool's JWKS as served, serialised once per change of its published keys: by the array the ring returns
   * (the same one until they change), weakly, so a deleted pool's document and keys go with the ring's array.
   */
  // Kept as bytes: a Buffer is written as it is, where a string would be measured and encoded per request.
  const documents = new WeakMap<readonly unknown[], { body: Buffer; etag: string }>();
  const document = (poolId: string) => {
    const keys = keyRing.published(poolId);
    let doc = documents.get(keys);
    if (!doc) {
      const body = Buffer.from(JSON.stringify({ keys: keys.map((k) => k.material.publicJwk) }));
      doc = { body, etag: entityTag(body) };
      documents.set(keys, doc);
    }
    return doc;
  };
  const fixedCacheControl = `public, max-age=${config.keys.jwksMaxAgeSeconds}`;
  // With scheduled rotation, no verifier may cache this past the moment the next key can sign.
  const cacheControl = () =>
    schedule ? `public, max-age=${jwksMaxAgeSeconds(config.keys.jwksMaxAgeSeconds, schedule.nextAt + config.keys.prePublishSeconds * 1000, clock.now())}` : fixedCacheControl;

  /** Sends the answer; a promise only for a fault (which may be delayed). The JWKS is served synchronously: the hot path. */
  const answer = (poolId: string, request: FastifyRequest, reply: FastifyReply): Promise<unknown> | undefined => {
    const { body, etag } = document(poolId);
    const fault = faults.take('jwks');
    if (fault) return replyWithJwksFault(request, reply, fault, body.toString(), closing.signal);
    reply.headers({ 'cache-control': cacheControl(), etag, 'access-control-allow-origin': '*' });
    if (ifNoneMatch(request.headers['if-none-match'], etag)) reply.status(304).send();
    else reply.type('application/json').send(body);
    return undefined;
  };

  const jwks = (poolId: string | undefined) => (request: FastifyRequest, reply: FastifyReply) => {
    const pool = directory.pool(poolId);
    if (keyRing.isPoolReady(pool.id)) return answer(pool.id, request, reply);
    // While keys are being generated (at start, or for a pool made at run time), a pool's JWKS waits for that pool's keys (never an empty set).
    return keyRing.poolReady(pool.id).then(() => answer(pool.id, request, reply));
  };

  const discovery = (poolId: string | undefined) => {
    const pool = directory.pool(poolId);
    return {
      authorization_endpoint: `${urls.base}/oauth2/authorize`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: urls.issuer(pool.id),
      jwks_uri: urls.jwksUri(pool.id),
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${urls.base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${urls.base}/oauth2/userInfo`,
    };
  };

  const poolParam = { type: 'object', properties: { poolId: { type: 'string', maxLength: 128 } }, required: ['poolId'] } as const;
  // These routes need no service but the key ring, and wait for it themselves (see app.ts).
  const ownReadiness = { ownReadiness: true };
  const rootJwks = jwks(undefined);

  app.get('/.well-known/jwks.json', { config: ownReadiness }, rootJwks);
  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/jwks.json', { schema: { params: poolParam }, config: ownReadiness }, (request, reply) => jwks(request.params.poolId)(request, reply));
  app.get('/.well-known/openid-configuration', { config: ownReadiness }, async (_request, reply) => reply.header('access-control-allow-origin', '*').send(discovery(undefined)));
  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/openid-configuration', { schema: { params: poolParam }, config: ownReadiness }, async (request, reply) =>
    reply.header('access-control-allow-origin', '*').send(discovery(request.params.poolId)),
  );
}
