import t from 'tap';
import { InvokeFailure } from '../../src/triggers/invoke-errors.js';
import { readPreTokenResponse } from '../../src/triggers/pre-token-generation.js';
import { applyTokenOverrides } from '../../src/tokens/token-overrides.js';

const idClaims = () => ({ sub: 's', 'cognito:groups': ['a'], 'cognito:roles': ['r'], 'cognito:preferred_role': 'r', email: 'e@example.com' });

t.test('no override, or a null one, changes nothing', async (t) => {
  t.same(readPreTokenResponse('V1_0', {}), {});
  t.same(readPreTokenResponse('V1_0', { claimsOverrideDetails: null }), {});
  t.same(readPreTokenResponse('V2_0', { claimsAndScopeOverrideDetails: null }), {});
  t.same(readPreTokenResponse('V2_0', { claimsOverrideDetails: { claimsToSuppress: ['email'] } }), {}, "a V2_0 function's V1 answer is not read");
});

t.test('groupOverrideDetails: absent keeps the groups; null or empty removes them; given, it replaces them all', async (t) => {
  const kept = idClaims();
  applyTokenOverrides(kept, 'id', readPreTokenResponse('V1_0', { claimsOverrideDetails: { claimsToSuppress: ['email'] } }));
  t.same(kept, { sub: 's', 'cognito:groups': ['a'], 'cognito:roles': ['r'], 'cognito:preferred_role': 'r' });
  for (const details of [null, {}]) {
    const removed = idClaims();
    applyTokenOverrides(removed, 'id', readPreTokenResponse('V1_0', { claimsOverrideDetails: { groupOverrideDetails: details } }));
    t.same(removed, { sub: 's', email: 'e@example.com' }, JSON.stringify(details));
  }
  const replaced = idClaims();
  applyTokenOverrides(replaced, 'id', readPreTokenResponse('V2_0', { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['b'] } } }));
  t.same(replaced, { sub: 's', 'cognito:groups': ['b'], email: 'e@example.com' }, 'roles left out are removed');
  const access = { sub: 's', 'cognito:groups': ['a'] };
  applyTokenOverrides(access, 'access', readPreTokenResponse('V1_0', { claimsOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['b'], preferredRole: 'x' } } }));
  t.same(access, { sub: 's', 'cognito:groups': ['b'] }, 'the access token takes the groups only');
});

t.test('scopes: added, suppressed, and all suppressed leaves no scope claim', async (t) => {
  const access = (scope: string) => ({ sub: 's', scope });
  const claims = access('a b');
  applyTokenOverrides(claims, 'access', readPreTokenResponse('V3_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['c', 'a'], scopesToSuppress: ['b'] } } }));
  t.equal(claims.scope, 'a c');
  const none = access('a');
  applyTokenOverrides(none, 'access', readPreTokenResponse('V2_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToSuppress: ['a'] } } }));
  t.notOk('scope' in none);
  const id = { sub: 's' };
  applyTokenOverrides(id, 'id', readPreTokenResponse('V2_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['c'] } } }));
  t.same(id, { sub: 's' }, 'scopes are for the access token');
});

t.test('refused: protected and dev: claims, V1_0 non-strings, nulls, wrong types', async (t) => {
  const refused = [
    ['V1_0', { claimsOverrideDetails: { claimsToAddOrOverride: { aud: 'x' } } }],
    ['V1_0', { claimsOverrideDetails: { claimsToSuppress: ['token_use'] } }],
    ['V2_0', { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { 'dev:x': 'y' } } } }],
    ['V2_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToSuppress: ['origin_jti'] } } }],
    ['V1_0', { claimsOverrideDetails: { claimsToAddOrOverride: { flag: true } } }],
    ['V2_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { x: null } } } }],
    ['V2_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: 'a' } } }],
    ['V2_0', { claimsAndScopeOverrideDetails: [] }],
    ['V1_0', { claimsOverrideDetails: { groupOverrideDetails: { preferredRole: 1 } } }],
  ] as const;
  for (const [version, response] of refused) {
    t.throws(() => readPreTokenResponse(version, response), InvokeFailure, JSON.stringify(response));
  }
  t.same(readPreTokenResponse('V2_0', { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { n: 1, b: false, l: [1, 'a'], o: { p: 'q' } } } } }).id, {
    claimsToAddOrOverride: { n: 1, b: false, l: [1, 'a'], o: { p: 'q' } },
    claimsToSuppress: [],
  });
});
