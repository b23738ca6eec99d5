import type { Pool, ResourceServer } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/**
 * The scopes every pool has without a resource server. Any other scope is a
 * custom scope, `{resource server identifier}/{ScopeName}`.
 */
export const standardScopes: readonly string[] = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

/**
 * True when `scope` can be granted in `pool`: a standard scope, or a custom
 * scope one of the pool's resource servers defines. The OAuth endpoints grant
 * nothing else, and Cognito refuses an app client whose AllowedOAuthScopes
 * name anything else (CreateUserPoolClient's ScopeDoesNotExistException).
 *
 * @example
 * scopeExists(pool, 'mock-api/read'); // true when a resource server `mock-api` has the scope `read`
 */
export function scopeExists(pool: Pick<Pool, 'resourceServers'>, scope: string): boolean {
  if (standardScopes.includes(scope)) return true;
  // ScopeName cannot contain '/', so the identifier is everything before the last one.
  const slash = scope.lastIndexOf('/');
  if (slash <= 0) return false;
  const identifier = scope.slice(0, slash);
  const name = scope.slice(slash + 1);
  return pool.resourceServers.some((rs) => rs.identifier === identifier && rs.scopes.some((s) => s.ScopeName === name));
}

/**
 * For CreateUserPoolClient / UpdateUserPoolClient: throws ScopeDoesNotExistException
 * `Invalid scope requested: <scope>` (Cognito's words) for the first scope the pool lacks.
 *
 * @example
 * checkScopesExist(pool, input.AllowedOAuthScopes ?? []);
 */
export function checkScopesExist(pool: Pick<Pool, 'resourceServers'>, scopes: readonly string[]): void {
  const missing = scopes.find((s) => !scopeExists(pool, s));
  if (missing !== undefined) throw new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${missing}`);
}

/**
 * The resource servers of a pool from the config file. A real pool whose
 * client allows `mock-api/read` must have a resource server `mock-api` with a
 * scope `read`; a configured pool gets one for each identifier its clients'
 * custom scopes name, so ListResourceServers shows them and they can be
 * changed or deleted like any other.
 */
export function configuredResourceServers(allowedScopes: Iterable<string>): ResourceServer[] {
  const byIdentifier = new Map<string, Set<string>>();
  for (const scope of allowedScopes) {
    const slash = scope.lastIndexOf('/');
    if (standardScopes.includes(scope) || slash <= 0 || slash === scope.length - 1) continue;
    const identifier = scope.slice(0, slash);
    byIdentifier.set(identifier, (byIdentifier.get(identifier) ?? new Set()).add(scope.slice(slash + 1)));
  }
  return [...byIdentifier].map(([identifier, names]) => ({
    identifier,
    name: identifier,
    scopes: [...names].map((ScopeName) => ({ ScopeName, ScopeDescription: 'From the config file' })),
  }));
}
