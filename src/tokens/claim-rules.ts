import type { ClaimRules, TokenUse } from '../config/types.js';
import { MockIdpError } from '../errors.js';
import { maxClaimsDepth, valueTooDeep } from '../security/json-depth.js';

/**
 * Claims a pre-token-generation trigger may not add, override or suppress
 * (Cognito's list, https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
 * Claim rules in config are held
 * to the same list; per-request overrides are not, since they exist to build
 * tokens Cognito would never issue.
 */
export const immutableClaims: ReadonlySet<string> = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'cognito:username',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
]);

/** Throws INVALID_CONFIG naming the first claim a rule may not touch. */
export function checkClaimRules(rules: ClaimRules | undefined, where: string): void {
  if (!rules) return;
  for (const part of ['idTokenGeneration', 'accessTokenGeneration'] as const) {
    const r = rules[part];
    if (valueTooDeep(r?.claimsToAddOrOverride, maxClaimsDepth)) {
      throw new MockIdpError('INVALID_CONFIG', `${where}.${part}.claimsToAddOrOverride: nested deeper than ${maxClaimsDepth} levels (the limit on claim nesting)`);
    }
    const touched = [...Object.keys(r?.claimsToAddOrOverride ?? {}), ...(r?.claimsToSuppress ?? [])];
    const bad = touched.find((claim) => immutableClaims.has(claim));
    if (bad) {
      throw new MockIdpError('INVALID_CONFIG', `${where}.${part}: the claim "${bad}" cannot be changed by a claim rule (Cognito refuses it too; immutable: ${[...immutableClaims].join(', ')})`);
    }
  }
}

/**
 * Applies `rules` to a token's claims in place, in Cognito's order: group
 * override, then add/override, then suppress (suppression wins), then scopes.
 */
export function applyClaimRules(claims: Record<string, unknown>, use: TokenUse, rules: ClaimRules): void {
  const groups = rules.groupOverrideDetails;
  if (groups?.groupsToOverride) {
    if (groups.groupsToOverride.length) claims['cognito:groups'] = [...groups.groupsToOverride];
    else delete claims['cognito:groups'];
  }
  if (use === 'id' && groups?.iamRolesToOverride?.length) claims['cognito:roles'] = [...groups.iamRolesToOverride];
  if (use === 'id' && groups?.preferredRole) claims['cognito:preferred_role'] = groups.preferredRole;

  const r = use === 'id' ? rules.idTokenGeneration : rules.accessTokenGeneration;
  // Cloned so a token never shares objects with the rules; no rules, no clone (it runs for every token).
  if (r?.claimsToAddOrOverride) Object.assign(claims, structuredClone(r.claimsToAddOrOverride));
  for (const claim of r?.claimsToSuppress ?? []) delete claims[claim];

  if (use === 'access' && rules.accessTokenGeneration) {
    const { scopesToAdd = [], scopesToSuppress = [] } = rules.accessTokenGeneration;
    if (scopesToAdd.length || scopesToSuppress.length) {
      const scopes = new Set(
        String(claims.scope ?? '')
          .split(' ')
          .filter(Boolean),
      );
      for (const s of scopesToAdd) scopes.add(s);
      for (const s of scopesToSuppress) scopes.delete(s);
      claims.scope = [...scopes].join(' ');
    }
  }
}
