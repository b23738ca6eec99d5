import t from 'tap';
import { call, startTestIdp, testEpochMs } from '../../helpers/idp.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

t.test('POST /_mock/reset puts the clock back and keeps the keys', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  await call(idp, 'POST', '/_mock/clock', { fixedTime: '2040-01-01T00:00:00Z' });
  await call(idp, 'POST', '/_mock/keys/rotate', { pool: 'us-east-1_LocalPool', tokenUse: 'id' });
  const kids = idp.keys().map((k) => k.kid);

  const res = await call(idp, 'POST', '/_mock/reset');
  t.equal(res.status, 200);
  t.same(res.body.clock, { now: new Date(testEpochMs).toISOString(), epochSeconds: testEpochMs / 1000, offsetSeconds: 0, fixed: false });
  t.same(
    res.body.keys.map((k: { kid: string }) => k.kid),
    kids,
    'the same keys, rotation included',
  );
  // States follow from the keys' times and the clock: the key made "in 2040" is pending again back in 2030.
  t.same(res.body.keys.map((k: { state: string }) => k.state).sort(), ['active', 'active', 'active', 'active', 'pending']);

  const withBody = await call(idp, 'POST', '/_mock/reset', {});
  t.equal(withBody.status, 200);
  t.same(
    withBody.body.keys.map((k: { kid: string }) => k.kid),
    kids,
  );
});

t.test('POST /_mock/reset {"keys": true} makes a fresh key ring', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const before = idp.keys().map((k) => k.kid);
  const jwksBefore = (await call(idp, 'GET', '/.well-known/jwks.json')).body;
  await call(idp, 'POST', '/_mock/keys/rotate');
  const res = await call(idp, 'POST', '/_mock/reset', { keys: true });
  t.equal(res.status, 200);
  t.equal(res.body.keys.length, 4, 'two keys per pool, no retiring ones');
  t.ok(
    res.body.keys.every((k: { state: string; kid: string }) => k.state === 'active' && !before.includes(k.kid)),
    'all new kids',
  );
  const jwks = (await call(idp, 'GET', '/.well-known/jwks.json')).body;
  t.notSame(jwks, jwksBefore);
  const minted = (await call(idp, 'POST', '/_mock/tokens', {})).body;
  t.ok(
    res.body.keys.some((k: { kid: string }) => k.kid === minted.header.kid),
    'tokens are signed with the new keys',
  );
});

t.test('POST /_mock/reset clears every fault', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  t.equal((await call(idp, 'GET', '/.well-known/jwks.json')).status, 503);
  const res = await call(idp, 'POST', '/_mock/reset');
  t.equal(res.status, 200);
  t.same(res.body.faults, [], 'the faults left: none');
  t.same((await call(idp, 'GET', '/_mock/faults')).body, { faults: [] });
  t.equal((await call(idp, 'GET', '/.well-known/jwks.json')).status, 200, 'the JWKS is served normally again');
});

t.test('POST /_mock/reset: bad input', async (t) => {
  const idp = await startTestIdp(t);
  for (const body of [{ keys: 'yes' }, { clock: true }, [1]]) {
    assertErrorBody(t, await call(idp, 'POST', '/_mock/reset', body), 400, 'BAD_REQUEST', JSON.stringify(body));
  }
});

t.test('reset with appServices: true forgets App Services users', async (t) => {
  const { startTestIdp: start, call: request } = await import('../../helpers/idp.js');
  const idp = await start(t, { startMs: Date.now() });
  const { token } = await idp.mint({ user: 'alice' });
  const login = await fetch(`${idp.url}/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  t.equal(login.status, 200);
  t.equal((await request(idp, 'GET', '/_mock/app-services/apps/mock-idp-app-abcde/users')).body.users.length, 1);
  t.equal((await request(idp, 'POST', '/_mock/reset', { appServices: true })).status, 200);
  t.same((await request(idp, 'GET', '/_mock/app-services/apps/mock-idp-app-abcde/users')).body.users, []);
});
