import t, { type Test } from 'tap';
import type { KeyInfo } from '../../../src/keys/key-ring.js';
import { call, startTestIdp } from '../../helpers/idp.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

const local = 'us-east-1_LocalPool';
const teams = 'eu-west-1_TeamsPool';

const start = async (t: Test) => startTestIdp(t, { keyFactory: await fastKeyFactory() });
const count = (keys: KeyInfo[], where: Partial<KeyInfo>) => keys.filter((k) => Object.entries(where).every(([name, value]) => k[name as keyof KeyInfo] === value)).length;

t.test('GET /_mock/keys lists every key with its state; ?pool= filters', async (t) => {
  const idp = await start(t);
  const all = await call(idp, 'GET', '/_mock/keys');
  t.equal(all.status, 200);
  const keys = all.body.keys as KeyInfo[];
  t.equal(keys.length, 4);
  for (const key of keys) {
    t.same(Object.keys(key), ['kid', 'pool', 'use', 'state', 'createdAt', 'activatesAt', 'supersededAt', 'retiresAt']);
    t.equal(key.state, 'active');
    t.equal(key.supersededAt, null);
  }
  t.equal(count(keys, { pool: local, use: 'id' }), 1);
  t.equal(count(keys, { pool: teams, use: 'access' }), 1);

  const one = await call(idp, 'GET', `/_mock/keys?pool=${teams}`);
  t.equal(one.status, 200);
  t.same(
    one.body.keys.map((k: KeyInfo) => k.pool),
    [teams, teams],
  );

  assertErrorBody(t, await call(idp, 'GET', '/_mock/keys?pool=us-east-1_Nope'), 404, 'UNKNOWN_POOL');
  assertErrorBody(t, await call(idp, 'GET', '/_mock/keys?pol=x'), 400, 'BAD_REQUEST', 'unknown query parameter');
});

t.test('POST /_mock/keys/rotate with {} rotates every pool and use', async (t) => {
  const idp = await start(t);
  const res = await call(idp, 'POST', '/_mock/keys/rotate', {});
  t.equal(res.status, 200);
  t.equal(res.body.rotated.length, 4);
  t.ok(res.body.rotated.every((k: KeyInfo) => k.state === 'active'));
  t.equal(res.body.keys.length, 8);
  t.equal(count(res.body.keys, { state: 'retiring' }), 4);
});

t.test('POST /_mock/keys/rotate with {pool, tokenUse} rotates only that key', async (t) => {
  const idp = await start(t);
  const res = await call(idp, 'POST', '/_mock/keys/rotate', { pool: teams, tokenUse: 'access', prePublishSeconds: 60 });
  t.equal(res.status, 200);
  t.match(res.body.rotated, [{ pool: teams, use: 'access', state: 'pending' }]);
  t.equal(res.body.rotated.length, 1);
  t.equal(count(res.body.keys, { state: 'active' }), 4, 'the old key signs until the new one activates');
  t.equal(count(res.body.keys, { pool: local }), 2, 'the other pool untouched');
});

t.test("POST /_mock/keys/rotate with no body, as curl -X POST -H 'content-type: application/json' sends it", async (t) => {
  const idp = await start(t);
  const res = await fetch(`${idp.url}/_mock/keys/rotate`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  t.equal(res.status, 200);
  t.equal(((await res.json()) as { rotated: KeyInfo[] }).rotated.length, 4);
  // Without the content type it is a 415 (test/routes/control/content-type.test.ts).
  const empty = await fetch(`${idp.url}/_mock/keys/rotate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
  t.equal(empty.status, 200, 'an empty JSON body means no fields');
  t.equal(((await empty.json()) as { rotated: KeyInfo[] }).rotated.length, 4);
});

t.test('POST /_mock/keys/rotate: bad input', async (t) => {
  const idp = await start(t);
  const cases: Array<[unknown, number, string]> = [
    [{ pool: 'us-east-1_Nope' }, 404, 'UNKNOWN_POOL'],
    [{ tokenUse: 'refresh' }, 400, 'BAD_REQUEST'],
    [{ prePublishSeconds: -1 }, 400, 'BAD_REQUEST'],
    [{ pool: local, extra: true }, 400, 'BAD_REQUEST'],
    [[], 400, 'BAD_REQUEST'],
  ];
  for (const [body, status, code] of cases) {
    assertErrorBody(t, await call(idp, 'POST', '/_mock/keys/rotate', body), status, code, JSON.stringify(body));
  }
  t.equal(idp.keys().length, 4, 'nothing rotated');
});

t.test('POST /_mock/keys/{kid}/retire with a kid containing / and +, URL-encoded', async (t) => {
  const idp = await start(t);
  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', { pool: local, tokenUse: 'id' });
  const kid = rotated.body.rotated[0].kid as string;
  t.match(kid, /\+/);
  t.match(kid, /\//);

  const res = await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(kid)}/retire`);
  t.equal(res.status, 200);
  t.match(res.body.retired, { kid, pool: local, use: 'id', state: 'retired' });
  const active = res.body.keys.filter((k: KeyInfo) => k.pool === local && k.use === 'id' && k.state === 'active');
  t.equal(active.length, 1, 'the active key was replaced before it was retired');
  t.not(active[0].kid, kid);
  const jwks = (await call(idp, 'GET', `/${local}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);
  t.notOk(jwks.includes(kid), 'gone from the JWKS');

  assertErrorBody(t, await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(kid)}/retire`, {}), 409, 'KEY_ALREADY_RETIRED');

  const seeded = 'kPr8qA/nDHNX8Mb0XB3az0EBb9H1Xaj1ynumBCiEnWc=';
  const retiring = await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(seeded)}/retire`);
  t.equal(retiring.status, 200, 'a retiring key can be retired early');
  t.equal(retiring.body.retired.state, 'retired');

  assertErrorBody(t, await call(idp, 'POST', `/_mock/keys/${encodeURIComponent('AAAA+/AA=')}/retire`), 404, 'UNKNOWN_KEY');
  assertErrorBody(t, await call(idp, 'POST', `/_mock/keys/${kid}/retire`), 404, 'NOT_FOUND', 'an unencoded / splits the path');
});
