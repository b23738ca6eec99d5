/**
 * The key ring as a user sees it through the server: the JWKS, GET /_mock/keys
 * and the kid of minted tokens, with the overlap computed from the config.
 */
import { decodeProtectedHeader } from 'jose';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import type { KeyInfo } from '../../src/keys/key-ring.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const local = 'us-east-1_LocalPool';

const jwksKids = async (idp: TestIdp, pool = local): Promise<string[]> => (await call(idp, 'GET', `/${pool}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);
const keyInfo = async (idp: TestIdp, kid: string): Promise<KeyInfo> => (await call(idp, 'GET', `/_mock/keys?pool=${local}`)).body.keys.find((k: KeyInfo) => k.kid === kid);
const mintedKid = async (idp: TestIdp, tokenUse: 'id' | 'access' = 'id') => decodeProtectedHeader((await idp.mint({ tokenUse })).token).kid;

t.test("default overlap: the pool's longest token lifetime plus the clock tolerance (3600 + 60 s)", async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const old = await mintedKid(idp);
  const res = await call(idp, 'POST', '/_mock/keys/rotate', { pool: local, tokenUse: 'id' });
  t.equal(res.status, 200);
  const fresh = res.body.rotated[0].kid as string;
  t.equal(await mintedKid(idp), fresh, 'no pre-publish lead: the new key signs at once');

  const info = await keyInfo(idp, old!);
  t.equal(info.state, 'retiring');
  t.equal(Date.parse(info.retiresAt!) - Date.parse(info.supersededAt!), 3660_000);
  const published = await jwksKids(idp);
  t.ok(published.includes(old!), 'the replaced key is still published');
  t.equal(published.length, 3);
  t.same(published, [...published].sort(), 'still sorted by kid');

  idp.baseClock.advanceBy(3659_000);
  t.ok((await jwksKids(idp)).includes(old!), 'one second before the overlap ends');
  idp.baseClock.advanceBy(1_000);
  t.notOk((await jwksKids(idp)).includes(old!), 'gone after the overlap');
  t.equal((await keyInfo(idp, old!)).state, 'retired');
  t.equal((await jwksKids(idp)).length, 2);
});

t.test('the overlap follows the longest lifetime and the tolerance of the config', async (t) => {
  const { config } = await loadConfig();
  const pools = structuredClone(config.pools);
  pools[0]!.clients[1]!.idTokenValiditySeconds = 7200;
  const idp = await startTestIdp(t, { config: { pools, clock: { toleranceSeconds: 30 } }, keyFactory: await fastKeyFactory() });
  const [old] = idp.keys().filter((k) => k.pool === local && k.use === 'access');
  await idp.rotate({ pool: local, tokenUse: 'access' });
  const info = await keyInfo(idp, old!.kid);
  t.equal(Date.parse(info.retiresAt!) - Date.parse(info.supersededAt!), 7230_000);

  const teams = idp.keys().find((k) => k.pool === 'eu-west-1_TeamsPool' && k.use === 'id')!;
  await idp.rotate({ pool: 'eu-west-1_TeamsPool', tokenUse: 'id' });
  const teamsInfo = idp.keys().find((k) => k.kid === teams.kid)!;
  t.equal(Date.parse(teamsInfo.retiresAt!) - Date.parse(teamsInfo.supersededAt!), 3630_000, 'per pool');
});

t.test('keys.overlapSeconds replaces the computed overlap', async (t) => {
  const idp = await startTestIdp(t, { config: { keys: { overlapSeconds: 10 } }, keyFactory: await fastKeyFactory() });
  const old = await mintedKid(idp, 'access');
  await idp.rotate({ pool: local, tokenUse: 'access' });
  idp.baseClock.advanceBy(9_000);
  t.ok((await jwksKids(idp)).includes(old!));
  idp.baseClock.advanceBy(1_000);
  t.notOk((await jwksKids(idp)).includes(old!));
});

t.test('pre-publish through the server: the JWKS has the new key before any token is signed with it', async (t) => {
  const idp = await startTestIdp(t, { config: { keys: { prePublishSeconds: 300 } }, keyFactory: await fastKeyFactory() });
  const old = await mintedKid(idp);
  const res = await call(idp, 'POST', '/_mock/keys/rotate', { pool: local, tokenUse: 'id' });
  const fresh = res.body.rotated[0].kid as string;
  t.equal(res.body.rotated[0].state, 'pending');
  t.ok((await jwksKids(idp)).includes(fresh), 'published at once');
  t.equal(await mintedKid(idp), old, 'tokens are still signed by the old key');

  const now = await call(idp, 'POST', '/_mock/keys/rotate', { pool: local, tokenUse: 'access', prePublishSeconds: 0 });
  t.equal(now.body.rotated[0].state, 'active', 'a rotation may override the lead');

  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 300 });
  t.equal(await mintedKid(idp), fresh, 'after the lead the new key signs');
  t.equal((await keyInfo(idp, old!)).state, 'retiring');
  t.ok((await jwksKids(idp)).includes(old!));
});
