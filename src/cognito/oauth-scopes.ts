import type { Client, Pool } from '../directory/directory.js';
import { OAuthError } from './oauth-errors.js';
import { scopeExists, standardScopes } from './resource-servers.js';

/** Scopes that only make sense in an OpenID Connect request: Cognito requires `openid` with them. */
const needOpenid = ['email', 'phone', 'profile'];

/** A space-separated `scope` parameter as a list, duplicates removed; undefined when absent or blank. */
export function parseScope(scope: string | undefined): string[] | undefined {
  const list = [...new Set((scope ?? '').split(' ').filter(Boolean))];
  return list.length ? list : undefined;
}

/**
 * The scopes /oauth2/authorize grants: the requested ones the client may have
 * (others are ignored, as Cognito does), or every allowed scope when none is
 * requested. `email`, `phone` and `profile` without `openid` are invalid_scope,
 * and so is a requested custom scope that no resource server of the pool
 * defines (any more); unrequested ones are left out.
 */
export function grantScopes(requested: string | undefined, client: Pick<Client, 'allowedScopes'>, pool: Pick<Pool, 'resourceServers'>): string[] {
  const wanted = parseScope(requested);
  const allowed = wanted ? wanted.filter((s) => client.allowedScopes.includes(s)) : client.allowedScopes.filter((s) => scopeExists(pool, s));
  const undefinedScope = allowed.find((s) => !scopeExists(pool, s));
  if (undefinedScope !== undefined) throw new OAuthError('invalid_scope', `No resource server of the user pool defines the scope ${undefinedScope}`);
  if (allowed.length === 0) throw new OAuthError('invalid_scope', 'None of the requested scopes is allowed for this client');
  const orphan = allowed.find((s) => needOpenid.includes(s));
  if (orphan && !allowed.includes('openid')) throw new OAuthError('invalid_scope', `The ${orphan} scope requires the openid scope`);
  return allowed;
}

/**
 * The scopes of a client_credentials grant: custom scopes only (resource
 * server scopes such as `mock-api/read`) that a resource server of the pool
 * defines. Every requested scope must be one of the client's and be defined;
 * none requested means all of the client's defined custom scopes.
 */
export function clientCredentialsScopes(requested: string | undefined, client: Pick<Client, 'allowedScopes'>, pool: Pick<Pool, 'resourceServers'>): string[] {
  const custom = client.allowedScopes.filter((s) => !standardScopes.includes(s));
  const wanted = parseScope(requested);
  const unknown = wanted?.find((s) => !custom.includes(s));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `Scope ${unknown} is not a custom scope of this client`);
  const undefinedScope = wanted?.find((s) => !scopeExists(pool, s));
  if (undefinedScope !== undefined) throw new OAuthError('invalid_scope', `No resource server of the user pool defines the scope ${undefinedScope}`);
  const granted = wanted ?? custom.filter((s) => scopeExists(pool, s));
  if (granted.length === 0) throw new OAuthError('invalid_scope', 'The client has no custom scopes for the client_credentials grant');
  return granted;
}

const scopeAttributes: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/**
 * The user attributes /oauth2/userInfo returns for an access token's scopes:
 * all of them with `openid` alone or with `profile`; with `email` and/or
 * `phone` only, just those attributes. Values stay strings, as Cognito sends them.
 */
export function userInfoAttributes(attributes: Record<string, string>, scopes: readonly string[]): Record<string, string> {
  const entries = Object.entries(attributes).filter(([name]) => name !== 'sub');
  const narrowed = !scopes.includes('profile') && scopes.some((s) => s in scopeAttributes);
  if (!narrowed) return Object.fromEntries(entries);
  const allowed = new Set(scopes.flatMap((s) => scopeAttributes[s] ?? []));
  return Object.fromEntries(entries.filter(([name]) => allowed.has(name)));
}
