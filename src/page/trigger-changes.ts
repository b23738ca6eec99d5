/**
 * What a pre token generation function changed in the tokens, read from the
 * response it returned, for the Triggers panel. Pure (no DOM), so a test can
 * run it without a browser.
 *
 * The shapes are Cognito's: a version 1 event's response has
 * `claimsOverrideDetails` (ID token only), a version 2 or 3 event's has
 * `claimsAndScopeOverrideDetails` with `idTokenGeneration` and
 * `accessTokenGeneration`; both may carry `groupOverrideDetails`
 * (the developer guide's page on the pre token generation trigger, user-pool-lambda-pre-token-generation.html).
 * The server checks the response (protected claims, value types) before it
 * uses it; this only describes it.
 */

/** One change: to which token, what, and the claim, scope or group list concerned. */
export interface TokenChange {
  /** `both`: the groups, which both tokens carry. */
  token: 'id' | 'access' | 'both';
  action: 'set-claim' | 'suppress-claim' | 'add-scope' | 'suppress-scope' | 'override-groups' | 'override-roles' | 'preferred-role';
  /** The claim, the scope, or `cognito:groups` / `cognito:roles` / `cognito:preferred_role`. */
  name: string;
  /** For `set-claim`: the value, as JSON; for the group changes: the list before and after. */
  value?: string;
  /** For `set-claim` in the ID token: the claim had the user's attribute of that name. */
  replacesAttribute?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The changes a PreTokenGeneration response makes, in the order Cognito's
 * response lists them; [] when it changes nothing (or is not a pre token
 * generation answer).
 *
 * @example
 * tokenChanges(invocation.event, invocation.result)
 * // [{ token: 'id', action: 'set-claim', name: 'tenant', value: '"acme"' }, { token: 'access', action: 'add-scope', name: 'orders/read' }]
 */
export function tokenChanges(event: unknown, result: unknown): TokenChange[] {
  if (!isObject(event) || !isObject(result) || !isObject(result.response)) return [];
  const request = isObject(event.request) ? event.request : {};
  const attributes = isObject(request.userAttributes) ? request.userAttributes : {};
  const response = result.response;
  const changes: TokenChange[] = [];
  const claims = (token: 'id' | 'access', part: unknown) => {
    if (!isObject(part)) return;
    for (const [name, value] of Object.entries(isObject(part.claimsToAddOrOverride) ? part.claimsToAddOrOverride : {})) {
      changes.push({ token, action: 'set-claim', name, value: JSON.stringify(value), ...(token === 'id' && name in attributes ? { replacesAttribute: true } : {}) });
    }
    for (const name of strings(part.claimsToSuppress)) changes.push({ token, action: 'suppress-claim', name });
    if (token === 'access') {
      for (const name of strings(part.scopesToAdd)) changes.push({ token, action: 'add-scope', name });
      for (const name of strings(part.scopesToSuppress)) changes.push({ token, action: 'suppress-scope', name });
    }
  };
  let details: Json | null = null;
  if (event.version === '1') {
    if (isObject(response.claimsOverrideDetails)) {
      details = response.claimsOverrideDetails;
      claims('id', details);
    }
  } else if (isObject(response.claimsAndScopeOverrideDetails)) {
    details = response.claimsAndScopeOverrideDetails;
    claims('id', details.idTokenGeneration);
    claims('access', details.accessTokenGeneration);
  }
  if (details && 'groupOverrideDetails' in details) changes.push(...groupChanges(request.groupConfiguration, details.groupOverrideDetails));
  return changes;
}

/**
 * `groupOverrideDetails` present replaces the groups (both tokens), the IAM roles and the preferred role (ID
 * token): what it leaves out, or null, is gone. Roles and preferred role are listed when they were or become set.
 */
function groupChanges(before: unknown, override: unknown): TokenChange[] {
  const was = isObject(before) ? before : {};
  const now = isObject(override) ? override : {};
  const list = (values: string[]) => (values.length ? values.join(', ') : 'none');
  const changes: TokenChange[] = [
    { token: 'both', action: 'override-groups', name: 'cognito:groups', value: `${list(strings(was.groupsToOverride))} → ${list(strings(now.groupsToOverride))}` },
  ];
  const roles = [strings(was.iamRolesToOverride), strings(now.iamRolesToOverride)] as const;
  if (roles[0].length || roles[1].length) changes.push({ token: 'id', action: 'override-roles', name: 'cognito:roles', value: `${list(roles[0])} → ${list(roles[1])}` });
  const preferred = [was.preferredRole, now.preferredRole].map((r) => (typeof r === 'string' && r ? r : 'none'));
  if (preferred[0] !== 'none' || preferred[1] !== 'none') {
    changes.push({ token: 'id', action: 'preferred-role', name: 'cognito:preferred_role', value: `${preferred[0]} → ${preferred[1]}` });
  }
  return changes;
}

/** A change as a short sentence: `ID token: claim tenant set to {"id":"acme"}`. */
export function describeChange(change: TokenChange): string {
  const token = change.token === 'id' ? 'ID token' : change.token === 'access' ? 'Access token' : 'Both tokens';
  switch (change.action) {
    case 'set-claim':
      return `${token}: claim ${change.name} ${change.replacesAttribute ? 'overridden (was the user attribute)' : 'added or overridden'}: ${change.value}`;
    case 'suppress-claim':
      return `${token}: claim ${change.name} suppressed`;
    case 'add-scope':
      return `${token}: scope ${change.name} added`;
    case 'suppress-scope':
      return `${token}: scope ${change.name} suppressed`;
    case 'override-groups':
      return `${token}: groups overridden (${change.name}: ${change.value})`;
    case 'override-roles':
      return `${token}: IAM roles overridden (${change.name}: ${change.value})`;
    case 'preferred-role':
      return `${token}: preferred role overridden (${change.name}: ${change.value})`;
  }
}
