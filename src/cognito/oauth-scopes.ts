import type { Client } from '../directory/directory.js';
import { OAuthError } from './oauth-errors.js';

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
 * requested. `email`, `phone` and `profile` without `openid` are invalid_scope.
 */
export function grantScopes(requested: string | undefined, client: Pick<Client, 'allowedScopes'>): string[] {
  const wanted = parseScope(requested);
  const granted = wanted ? wanted.filter((s) => client.allowedScopes.includes(s)) : [...client.allowedScopes];
  if (granted.length === 0) throw new OAuthError('invalid_scope', 'None of the requested scopes is allowed for this client');
  const orphan = granted.find((s) => needOpenid.includes(s));
  if (orphan && !granted.includes('openid')) throw new OAuthError('invalid_scope', `The ${orphan} scope requires the openid scope`);
  return granted;
}

/**
 * The scopes of a client_credentials grant: custom scopes only (resource
 * server scopes such as `mock-api/read`). Every requested scope must be one
 * of the client's; none requested means all of them.
 */
export function clientCredentialsScopes(requested: string | undefined, client: Pick<Client, 'allowedScopes'>): string[] {
  const custom = client.allowedScopes.filter((s) => s.includes('/'));
  const wanted = parseScope(requested);
  const unknown = wanted?.find((s) => !custom.includes(s));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `Scope ${unknown} is not a custom scope of this client`);
  const granted = wanted ?? custom;
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
