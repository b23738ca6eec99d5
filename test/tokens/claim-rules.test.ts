/** Claim changes: per request (POST /_mock/tokens) and configured per pool and client (pre-token-generation rules). */
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import type { ClaimRules } from '../../src/config/types.js';
import { applyClaimRules } from '../../src/tokens/claim-rules.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';

const teams = 'eu-west-1_TeamsPool';

async function mint(idp: TestIdp, body: Record<string, unknown>) {
  const res = await call(idp, 'POST', '/_mock/tokens', body);
  if (res.status !== 200) throw new Error(`mint failed: ${JSON.stringify(res.body)}`);
  return res.body.payload as Record<string, any>;
}

/** The fixture pools with claim rules set on the local pool and, optionally, on the teams pool's backend client. */
async function poolsWith(localRules: ClaimRules, teamsBackendRules?: ClaimRules) {
  const { config } = await loadConfig();
  const pools = structuredClone(config.pools);
  pools[0]!.claimRules = localRules;
  if (teamsBackendRules) pools[1]!.clients[1]!.claimRules = teamsBackendRules;
  return pools;
}

t.test('per request: claims add or override, suppress removes, ttlSeconds and scope set', async (t) => {
  const idp = await startTestIdp(t);
  const id = await mint(idp, {
    user: 'alice',
    claims: { 'custom:role': 'owner', email: 'other@example.com', nested: { a: [1, 2] }, aud: 'anything' },
    suppress: ['phone_number', 'custom:tenant'],
    ttlSeconds: 60,
  });
  t.equal(id['custom:role'], 'owner');
  t.equal(id.email, 'other@example.com');
  t.same(id.nested, { a: [1, 2] }, 'any JSON value');
  t.equal(id.aud, 'anything', 'requests may change any claim, immutable ones too');
  t.notOk('phone_number' in id);
  t.notOk('custom:tenant' in id);
  t.equal(id.exp - id.iat, 60);

  const both = await mint(idp, { claims: { email: 'x@example.com' }, suppress: ['email'] });
  t.notOk('email' in both, 'suppression wins over an override');

  const access = await mint(idp, { tokenUse: 'access', scope: 'openid profile', ttlSeconds: 300 });
  t.equal(access.scope, 'openid profile');
  t.equal(access.exp - access.iat, 300);

  const noSub = await mint(idp, { suppress: ['sub', 'exp'] });
  t.notOk('sub' in noSub);
  t.notOk('exp' in noSub);
});

t.test('pool claim rules from fixtures: eu-west-1_TeamsPool adds custom:plan and teams/read', async (t) => {
  const idp = await startTestIdp(t);
  const id = await mint(idp, { pool: teams, user: 'carol' });
  t.equal(id['custom:plan'], 'team');
  const access = await mint(idp, { pool: teams, user: 'carol', tokenUse: 'access' });
  t.equal(access.scope, 'aws.cognito.signin.user.admin teams/read');
  t.notOk('custom:plan' in access, 'the ID-token rule does not touch access tokens');
  const scoped = await mint(idp, { pool: teams, tokenUse: 'access', scope: 'openid teams/read' });
  t.equal(scoped.scope, 'openid teams/read', 'an added scope already present is not repeated');

  const localId = await mint(idp, { user: 'alice' });
  t.notOk('custom:plan' in localId, 'other pools are untouched');
  t.equal((await mint(idp, { tokenUse: 'access' })).scope, 'aws.cognito.signin.user.admin');

  const overridden = await mint(idp, { pool: teams, claims: { 'custom:plan': 'pro' } });
  t.equal(overridden['custom:plan'], 'pro', 'request claims apply after the rules');
});

t.test('groupOverrideDetails replaces cognito:groups in both tokens; roles go to the ID token', async (t) => {
  const pools = await poolsWith({
    groupOverrideDetails: { groupsToOverride: ['override-group'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/r'], preferredRole: 'arn:aws:iam::123456789012:role/r' },
  });
  const idp = await startTestIdp(t, { config: { pools } });
  for (const tokenUse of ['id', 'access']) {
    t.same((await mint(idp, { user: 'alice', tokenUse }))['cognito:groups'], ['override-group'], `${tokenUse}: alice's groups replaced`);
    t.same((await mint(idp, { user: 'bob', tokenUse }))['cognito:groups'], ['override-group'], `${tokenUse}: bob gets the group too`);
  }
  const id = await mint(idp, { user: 'alice' });
  t.same(id['cognito:roles'], ['arn:aws:iam::123456789012:role/r']);
  t.equal(id['cognito:preferred_role'], 'arn:aws:iam::123456789012:role/r');
  const access = await mint(idp, { user: 'alice', tokenUse: 'access' });
  t.notOk('cognito:roles' in access);
  t.notOk('cognito:preferred_role' in access);
  t.same((await mint(idp, { pool: teams, user: 'carol' }))['cognito:groups'], ['readers'], 'only in the pool with the rule');
});

t.test('an empty groupsToOverride removes cognito:groups', async (t) => {
  const idp = await startTestIdp(t, { config: { pools: await poolsWith({ groupOverrideDetails: { groupsToOverride: [] } }) } });
  t.notOk('cognito:groups' in (await mint(idp, { user: 'alice' })));
  t.notOk('cognito:groups' in (await mint(idp, { user: 'alice', tokenUse: 'access' })));
});

t.test("client rules apply after the pool's; suppression wins; scopes can be suppressed", async (t) => {
  const pools = await poolsWith(
    { idTokenGeneration: { claimsToAddOrOverride: { 'custom:both': 'yes' }, claimsToSuppress: ['custom:both'] } },
    {
      idTokenGeneration: { claimsToAddOrOverride: { 'custom:plan': 'client', 'custom:count': 3 }, claimsToSuppress: ['phone_number'] },
      accessTokenGeneration: { claimsToAddOrOverride: { 'custom:tier': 'gold' }, scopesToAdd: ['teams/write'], scopesToSuppress: ['aws.cognito.signin.user.admin'] },
    },
  );
  const idp = await startTestIdp(t, { config: { pools } });
  t.notOk('custom:both' in (await mint(idp, {})), 'suppressed and overridden: suppressed');

  const id = await mint(idp, { pool: teams, client: 'backend', user: 'carol' });
  t.equal(id['custom:plan'], 'client', "the client's rule overrides the pool's");
  t.equal(id['custom:count'], 3, 'rule values keep their JSON type');
  t.notOk('phone_number' in id);
  const access = await mint(idp, { pool: teams, client: 'backend', user: 'carol', tokenUse: 'access' });
  t.equal(access['custom:tier'], 'gold');
  t.equal(access.scope, 'teams/read teams/write', 'pool adds teams/read, client adds teams/write and removes the admin scope');

  const spa = await mint(idp, { pool: teams, client: 'spa', user: 'carol' });
  t.equal(spa['custom:plan'], 'team', "other clients get only the pool's rules");
  t.ok('phone_number' in spa);
});

t.test('applyClaimRules on its own: order of group override, add/override, suppress, scopes', async (t) => {
  const claims: Record<string, unknown> = { 'cognito:groups': ['a'], email: 'e', scope: 'x y' };
  const rules: ClaimRules = {
    groupOverrideDetails: { groupsToOverride: ['b'] },
    accessTokenGeneration: { claimsToAddOrOverride: { 'cognito:groups': ['c'], extra: { deep: true } }, claimsToSuppress: ['email'], scopesToAdd: ['z'], scopesToSuppress: ['x'] },
  };
  applyClaimRules(claims, 'access', rules);
  t.same(claims, { 'cognito:groups': ['c'], scope: 'y z', extra: { deep: true } }, 'an explicit claim beats the group override');
  (rules.accessTokenGeneration!.claimsToAddOrOverride!.extra as { deep: boolean }).deep = false;
  t.same(claims.extra, { deep: true }, 'values are copied, not shared with the config');
});
