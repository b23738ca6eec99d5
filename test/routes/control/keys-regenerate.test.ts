/**
 * `POST /_mock/keys/regenerate`: a fresh key ring (a lesson starting over),
 * and nothing else: the clock, the pools and the faults stay as they are.
 */
import t from 'tap';
import type { KeyInfo } from '../../../src/keys/key-ring.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { call, startTestIdp } from '../../helpers/idp.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

t.test('POST /_mock/keys/regenerate: one fresh active key per pool and use, the old ones gone from the ring and the JWKS', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  await call(idp, 'POST', '/_mock/keys/rotate', {});
  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 60 });
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503, count: 5 });
  const before = ((await call(idp, 'GET', '/_mock/keys')).body.keys as KeyInfo[]).map((k) => k.kid);
  t.equal(before.length, 8, 'two pools, two uses, rotated once');

  const res = await call(idp, 'POST', '/_mock/keys/regenerate', {});
  t.equal(res.status, 200);
  const keys = res.body.keys as KeyInfo[];
  t.equal(keys.length, 4, 'one key per pool and use');
  t.ok(
    keys.every((k) => k.state === 'active' && !before.includes(k.kid)),
    'all new, all active',
  );
  t.same((await call(idp, 'GET', '/_mock/keys')).body.keys, keys, 'the ring lists the same');

  t.equal(idp.clock.state().offsetSeconds, 60, 'the clock stays shifted');
  t.equal((await call(idp, 'GET', '/_mock/faults')).body.faults.length, 1, 'the fault stays');
  await call(idp, 'DELETE', '/_mock/faults');
  const jwks = await call(idp, 'GET', '/us-east-1_LocalPool/.well-known/jwks.json');
  t.same(
    jwks.body.keys.map((k: { kid: string }) => k.kid).sort(),
    keys
      .filter((k) => k.pool === 'us-east-1_LocalPool')
      .map((k) => k.kid)
      .sort(),
    'the JWKS publishes only the fresh keys',
  );

  assertErrorBody(t, await call(idp, 'POST', '/_mock/keys/regenerate', { pool: 'x' }), 400, 'BAD_REQUEST');
});
