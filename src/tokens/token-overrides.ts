import type { TokenUse } from '../config/types.js';

/** Claims to add or override, then claims to remove (removal wins), in one token. */
export interface ClaimChanges {
  claimsToAddOrOverride: Record<string, unknown>;
  claimsToSuppress: string[];
}

/** The group claims a pre token generation function sets: they replace the user's. */
export interface GroupOverride {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

/**
 * What a pre token generation function changes in one sign-in's tokens, read from its
 * response (V1's `claimsOverrideDetails` or V2/V3's `claimsAndScopeOverrideDetails`).
 * Plain JSON: it is what the trigger journal shows of the response, too.
 */
export interface TokenOverrides {
  id?: ClaimChanges;
  access?: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /** Replaces `cognito:groups` (both tokens), `cognito:roles` and `cognito:preferred_role` (ID token). */
  groups?: GroupOverride;
}

/**
 * Applies a pre token generation function's changes to a token's claims in place,
 * after the pool's and the client's claim rules, in Cognito's order: the group
 * override, then add/override, then suppress (suppression wins), then scopes
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
 * A group override replaces the group claims as a whole: what it leaves empty is removed,
 * as the guide says of an empty `groupOverrideDetails` ("the groups are suppressed").
 */
export function applyTokenOverrides(claims: Record<string, unknown>, use: TokenUse, overrides: TokenOverrides): void {
  const { groups } = overrides;
  if (groups) {
    setOrRemove(claims, 'cognito:groups', groups.groupsToOverride.length ? [...groups.groupsToOverride] : undefined);
    if (use === 'id') {
      setOrRemove(claims, 'cognito:roles', groups.iamRolesToOverride.length ? [...groups.iamRolesToOverride] : undefined);
      setOrRemove(claims, 'cognito:preferred_role', groups.preferredRole || undefined);
    }
  }
  const changes = use === 'id' ? overrides.id : overrides.access;
  if (changes) {
    Object.assign(claims, structuredClone(changes.claimsToAddOrOverride));
    for (const claim of changes.claimsToSuppress) delete claims[claim];
  }
  const access = use === 'access' ? overrides.access : undefined;
  if (access && (access.scopesToAdd.length || access.scopesToSuppress.length)) {
    const scopes = new Set(
      String(claims.scope ?? '')
        .split(' ')
        .filter(Boolean),
    );
    for (const s of access.scopesToAdd) scopes.add(s);
    for (const s of access.scopesToSuppress) scopes.delete(s);
    if (scopes.size) claims.scope = [...scopes].join(' ');
    else delete claims.scope;
  }
}

function setOrRemove(claims: Record<string, unknown>, name: string, value: unknown): void {
  if (value === undefined) delete claims[name];
  else claims[name] = value;
}
