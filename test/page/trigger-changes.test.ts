/**
 * What the Triggers panel says a pre token generation response changed (src/page/trigger-changes.ts, pure):
 * version 1 and version 2 responses, groups replaced or removed, IAM roles, and answers that change nothing.
 */
import t from 'tap';
import { describeChange, tokenChanges } from '../../src/page/trigger-changes.js';

const request = {
  userAttributes: { sub: 'b0b', email: 'carol@example.com', 'custom:plan': 'free' },
  groupConfiguration: { groupsToOverride: ['readers'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/readers'], preferredRole: null },
};

t.test('version 1: claimsOverrideDetails changes the ID token; an attribute overridden is said so', async (t) => {
  const event = { version: '1', request };
  const result = {
    ...event,
    response: { claimsOverrideDetails: { claimsToAddOrOverride: { 'custom:plan': 'pro', tenant: 'acme' }, claimsToSuppress: ['email'] } },
  };
  t.same(tokenChanges(event, result).map(describeChange), [
    'ID token: claim custom:plan overridden (was the user attribute): "pro"',
    'ID token: claim tenant added or overridden: "acme"',
    'ID token: claim email suppressed',
  ]);
  t.same(tokenChanges({ version: '1', request }, { response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToSuppress: ['email'] } } } }), [], 'a version 2 shape in a version 1 answer: nothing');
});

t.test('version 2: both tokens, scopes; groupOverrideDetails replaces groups, roles and preferred role', async (t) => {
  const event = { version: '2', request };
  const result = {
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: { id: 'acme' } } },
        accessTokenGeneration: { claimsToSuppress: ['username'], scopesToAdd: ['orders/read'], scopesToSuppress: ['aws.cognito.signin.user.admin'] },
        groupOverrideDetails: { groupsToOverride: ['vip', 'beta'], preferredRole: 'arn:aws:iam::123456789012:role/vip' },
      },
    },
  };
  t.same(tokenChanges(event, result).map(describeChange), [
    'ID token: claim tenant added or overridden: {"id":"acme"}',
    'Access token: claim username suppressed',
    'Access token: scope orders/read added',
    'Access token: scope aws.cognito.signin.user.admin suppressed',
    'Both tokens: groups overridden (cognito:groups: readers → vip, beta)',
    'ID token: IAM roles overridden (cognito:roles: arn:aws:iam::123456789012:role/readers → none)',
    'ID token: preferred role overridden (cognito:preferred_role: none → arn:aws:iam::123456789012:role/vip)',
  ]);
  const removed = tokenChanges(event, { response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: null } } });
  t.same(removed.map((c) => [c.action, c.value]), [
    ['override-groups', 'readers → none'],
    ['override-roles', 'arn:aws:iam::123456789012:role/readers → none'],
  ], 'groupOverrideDetails null: no groups, no roles');
});

t.test('answers that change nothing', async (t) => {
  t.same(tokenChanges({ version: '2', request }, { response: { claimsAndScopeOverrideDetails: null } }), []);
  t.same(tokenChanges({ version: '2', request }, { response: {} }), []);
  t.same(tokenChanges({ version: '2', request }, undefined), [], 'no result (the function failed)');
  t.same(tokenChanges({ version: '3' }, { response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['audit'] } } } }).map(describeChange), ['Access token: scope audit added'], 'version 3 (machine tokens): no request attributes needed');
});
