import t from 'tap';
import { call, startTestIdp } from '../../helpers/idp.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

t.test("POST /_mock/tokens answers with the token, its parts and the scenario's verdict", async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'POST', '/_mock/tokens', { user: 'bob', client: 'backend', tokenUse: 'access', scenario: 'expired' });
  t.equal(res.status, 200);
  t.same(Object.keys(res.body).sort(), ['client', 'expected', 'explanation', 'header', 'payload', 'pool', 'scenario', 'signedWith', 'token', 'tokenUse', 'user']);
  t.match(res.body, {
    scenario: 'expired',
    expected: { accept: false, code: 'EXPIRED' },
    pool: 'us-east-1_LocalPool',
    client: '74tsdvbgrc3esbuvkbj4ft5dam',
    user: 'bob',
    tokenUse: 'access',
    signedWith: { kid: res.body.header.kid, state: 'active' },
    explanation: String,
  });
  t.equal(res.body.token.split('.').length, 3);
  const none = await call(idp, 'POST', '/_mock/tokens');
  t.equal(none.status, 200, 'no body: all defaults');
  t.equal(none.body.scenario, 'valid');
  const charset = await fetch(`${idp.url}/_mock/tokens`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"user":"bob"}' });
  t.equal(charset.status, 200, 'a charset parameter is fine');
});

t.test('POST /_mock/tokens: bad input → the right status and code', async (t) => {
  const idp = await startTestIdp(t);
  const cases: Array<[string, unknown, number, string]> = [
    ['unknown scenario', { scenario: 'nope' }, 404, 'UNKNOWN_SCENARIO'],
    ['unknown user', { user: 'nobody' }, 404, 'UNKNOWN_USER'],
    ['user of another pool', { user: 'carol' }, 404, 'UNKNOWN_USER'],
    ['unknown client', { client: 'mobile' }, 404, 'UNKNOWN_CLIENT'],
    ['client of another pool', { pool: 'eu-west-1_TeamsPool', client: '74tsdvbgrc3esbuvkbj4ft5dam' }, 404, 'UNKNOWN_CLIENT'],
    ['unknown pool', { pool: 'us-east-1_Nope' }, 404, 'UNKNOWN_POOL'],
    ['tokenUse a number', { tokenUse: 5 }, 400, 'BAD_REQUEST'],
    ['tokenUse refresh', { tokenUse: 'refresh' }, 400, 'BAD_REQUEST'],
    ['ttlSeconds a string', { ttlSeconds: 'x' }, 400, 'BAD_REQUEST'],
    ['ttlSeconds a numeric string', { ttlSeconds: '60' }, 400, 'BAD_REQUEST'],
    ['ttlSeconds 0', { ttlSeconds: 0 }, 400, 'BAD_REQUEST'],
    ['ttlSeconds fractional', { ttlSeconds: 1.5 }, 400, 'BAD_REQUEST'],
    ['claims an array', { claims: [] }, 400, 'BAD_REQUEST'],
    ['claims a string', { claims: 'sub' }, 400, 'BAD_REQUEST'],
    ['suppress a string', { suppress: 'sub' }, 400, 'BAD_REQUEST'],
    ['suppress of numbers', { suppress: [1] }, 400, 'BAD_REQUEST'],
    ['user too long', { user: 'u'.repeat(300) }, 400, 'BAD_REQUEST'],
    ['unknown field', { usr: 'alice' }, 400, 'BAD_REQUEST'],
    ['body an array', [{ user: 'alice' }], 400, 'BAD_REQUEST'],
    ['body a string', 'alice', 400, 'BAD_REQUEST'],
    ['body null', null, 400, 'BAD_REQUEST'],
  ];
  for (const [name, body, status, code] of cases) {
    assertErrorBody(t, await call(idp, 'POST', '/_mock/tokens', body), status, code, name);
  }
});

t.test('key-state scenarios before the key ring is in that state → 409 SCENARIO_PRECONDITION', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  for (const scenario of ['signed-by-retiring-key', 'signed-by-retired-key']) {
    const res = await call(idp, 'POST', '/_mock/tokens', { scenario });
    assertErrorBody(t, res, 409, 'SCENARIO_PRECONDITION', scenario);
    t.same(res.body.details, { scenario });
  }
  await call(idp, 'POST', '/_mock/keys/rotate', { tokenUse: 'id' });
  const retiring = await call(idp, 'POST', '/_mock/tokens', { scenario: 'signed-by-retiring-key' });
  t.equal(retiring.status, 200, 'after a rotation');
  t.equal(retiring.body.signedWith.state, 'retiring');
  const accessOnly = await call(idp, 'POST', '/_mock/tokens', { scenario: 'signed-by-retiring-key', tokenUse: 'access' });
  t.equal(accessOnly.status, 409, 'per token use: access keys were not rotated');

  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 3660 });
  const retired = await call(idp, 'POST', '/_mock/tokens', { scenario: 'signed-by-retired-key' });
  t.equal(retired.status, 200, 'after the overlap');
  t.equal(retired.body.signedWith.state, 'retired');
});
