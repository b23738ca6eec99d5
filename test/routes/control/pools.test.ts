import { readFile } from 'node:fs/promises';
import t from 'tap';
import { call, startTestIdp } from '../../helpers/idp.js';

t.test('GET /_mock/pools: pools with URLs, clients with secrets, users with passwords', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/_mock/pools');
  t.equal(res.status, 200);
  t.equal(res.body.defaultPool, 'us-east-1_LocalPool');
  const pools = res.body.pools as Array<Record<string, any>>;
  t.same(
    pools.map((p) => p.id),
    ['us-east-1_LocalPool', 'eu-west-1_TeamsPool'],
  );

  const fixtureUsers = JSON.parse(await readFile(new URL('../../../fixtures/users.json', import.meta.url), 'utf8')).users as Array<Record<string, any>>;
  for (const pool of pools) {
    t.equal(pool.region, pool.id.split('_')[0]);
    t.equal(pool.issuer, idp.issuer(pool.id));
    t.equal(pool.jwksUri, `${idp.url}/${pool.id}/.well-known/jwks.json`);
    t.equal(pool.jwksUri, idp.jwksUri(pool.id));
    t.equal(pool.discoveryUri, `${idp.url}/${pool.id}/.well-known/openid-configuration`);
    const jwks = await fetch(pool.jwksUri);
    t.equal(jwks.status, 200, 'the JWKS URI works');
    t.same(
      pool.users.map((u: { username: string }) => u.username),
      fixtureUsers.filter((u) => u.pool === pool.id).map((u) => u.username),
    );
  }

  const local = pools[0]!;
  t.same(
    local.clients.map((c: { name: string }) => c.name),
    ['spa', 'backend', 'rotating'],
  );
  t.match(local.clients[2], { secret: null, refreshTokenRotation: true, refreshTokenRetryGracePeriodSeconds: 10 }, "a client with refresh-token rotation, for the teaching page's lesson");
  t.match(local.clients[0], { id: '1vngm1viu6qqksk0qckq8aag7p', secret: null, idTokenValiditySeconds: 3600, accessTokenValiditySeconds: 3600 });
  t.match(local.clients[1], {
    id: '74tsdvbgrc3esbuvkbj4ft5dam',
    secret: 'smxaj0de2cvx9bp6m6venanb9zijfc2uk814fuwxmhojcs78gp1',
    accessTokenValiditySeconds: 900,
    refreshTokenValiditySeconds: 30 * 86_400,
  });
  t.ok(local.clients[1].allowedScopes.includes('openid'));
  const alice = local.users.find((u: { username: string }) => u.username === 'alice');
  t.match(alice, {
    sub: 'd84bfcda-8de1-730f-de54-1abaeb6dad81',
    password: 'Finding-8296-same!',
    enabled: true,
    status: 'CONFIRMED',
    groups: ['admin', 'editors'],
    attributes: { email_verified: 'true', 'custom:tenant': 'hooli' },
  });
  t.equal(pools[1]!.clients[1].secret, 'qjri809r0fxe8sq54zvn1hqimoq8mulaqjb9nibmyntkvja7lc2');
});

t.test('GET /_mock/pools uses publicUrl and the cognito issuer style', async (t) => {
  const idp = await startTestIdp(t, { config: { publicUrl: 'http://idp.test:8080', issuerStyle: 'cognito' } });
  const { body } = await call(idp, 'GET', '/_mock/pools');
  t.match(body.pools[1], {
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool',
    jwksUri: 'http://idp.test:8080/eu-west-1_TeamsPool/.well-known/jwks.json',
  });
});
