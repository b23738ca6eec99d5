import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/directory.js';
import { maxClaimsDepth, valueTooDeep } from '../security/json-depth.js';
import { immutableClaims } from '../tokens/claim-rules.js';
import { groupClaims } from '../tokens/claims.js';
import type { ClaimChanges, GroupOverride, TokenOverrides } from '../tokens/token-overrides.js';
import { invalidLambdaResponse } from './trigger-errors.js';
import { triggerUserAttributes } from './trigger-user-attributes.js';
import type { PreTokenGenerationVersion as PreTokenVersion } from './trigger-functions.js';

/**
 * Why Cognito issues tokens, as the pre token generation event's `triggerSource` says
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
 * `TokenGeneration_ClientCredentials` reaches only V3_0 functions.
 */
export type TokenGenerationSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | 'TokenGeneration_ClientCredentials';

/** The event's `version` for each LambdaVersion. */
export const eventVersion: Record<PreTokenVersion, string> = { V1_0: '1', V2_0: '2', V3_0: '3' };

/**
 * The `request` of a pre token generation event: the user's attributes and groups (with their roles and
 * preferred role, as the tokens carry them before any override), V2_0 and V3_0 also the access token's
 * `scopes`. A machine (client credentials) token has no user: no attributes, no groups.
 */
export function preTokenRequest(
  version: PreTokenVersion,
  input: { pool: Pool; user?: UserRecord | undefined; scopes: readonly string[]; clientMetadata?: Record<string, string> | undefined },
): Record<string, unknown> {
  const g = input.user ? groupClaims(input.pool, input.user) : {};
  return {
    userAttributes: input.user ? triggerUserAttributes(input.user) : {},
    groupConfiguration: { groupsToOverride: g.groups ?? [], iamRolesToOverride: g.roles ?? [], preferredRole: g.preferredRole ?? null },
    ...(version === 'V1_0' ? {} : { scopes: [...input.scopes] }),
    ...(input.clientMetadata ? { clientMetadata: { ...input.clientMetadata } } : {}),
  };
}

/** The `response` Cognito sends the function: nothing overridden yet. */
export function preTokenInitialResponse(version: PreTokenVersion): Record<string, unknown> {
  return version === 'V1_0' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null };
}

/**
 * Reads the function's `response` into the changes to make. A response Cognito could not use
 * (wrong types, a claim Cognito does not let a function change) throws {@link invalidLambdaResponse}:
 * the caller gets InvalidLambdaResponseException, and no token is issued.
 *
 * Cognito's protected claims (the guide's list, and any `dev:` claim) may be neither added,
 * overridden nor suppressed. Values: V1_0 takes strings only; V2_0 and V3_0 also numbers, booleans,
 * arrays and JSON objects.
 */
export function readPreTokenResponse(version: PreTokenVersion, response: Record<string, unknown>): TokenOverrides {
  const r = response;
  if (version === 'V1_0') {
    const details = r.claimsOverrideDetails;
    if (details === null || details === undefined) return {};
    const d = objectAt(details, 'claimsOverrideDetails');
    const id = claimChanges(d, 'claimsOverrideDetails', true);
    return { ...(id ? { id } : {}), ...groupOverride(d, 'claimsOverrideDetails') };
  }
  const details = r.claimsAndScopeOverrideDetails;
  if (details === null || details === undefined) return {};
  const d = objectAt(details, 'claimsAndScopeOverrideDetails');
  const idPart = d.idTokenGeneration === null || d.idTokenGeneration === undefined ? undefined : objectAt(d.idTokenGeneration, 'idTokenGeneration');
  const accessPart = d.accessTokenGeneration === null || d.accessTokenGeneration === undefined ? undefined : objectAt(d.accessTokenGeneration, 'accessTokenGeneration');
  const id = idPart ? claimChanges(idPart, 'idTokenGeneration', false) : undefined;
  const accessClaims = accessPart ? claimChanges(accessPart, 'accessTokenGeneration', false) : undefined;
  const scopesToAdd = accessPart ? stringList(accessPart.scopesToAdd, 'accessTokenGeneration.scopesToAdd') : [];
  const scopesToSuppress = accessPart ? stringList(accessPart.scopesToSuppress, 'accessTokenGeneration.scopesToSuppress') : [];
  const access = accessClaims || scopesToAdd.length || scopesToSuppress.length ? { claimsToAddOrOverride: {}, claimsToSuppress: [], ...accessClaims, scopesToAdd, scopesToSuppress } : undefined;
  return { ...(id ? { id } : {}), ...(access ? { access } : {}), ...groupOverride(d, 'claimsAndScopeOverrideDetails') };
}

/** Whether a claim is one no pre token generation function may change. */
export function isProtectedClaim(name: string): boolean {
  return immutableClaims.has(name) || name.startsWith('dev:');
}

function claimChanges(part: Record<string, unknown>, where: string, stringsOnly: boolean): ClaimChanges | undefined {
  const add = part.claimsToAddOrOverride === null || part.claimsToAddOrOverride === undefined ? {} : objectAt(part.claimsToAddOrOverride, `${where}.claimsToAddOrOverride`);
  const suppress = stringList(part.claimsToSuppress, `${where}.claimsToSuppress`);
  for (const [name, value] of Object.entries(add)) {
    if (stringsOnly ? typeof value !== 'string' : value === null || value === undefined) {
      throw invalid(`${where}.claimsToAddOrOverride.${name}: ${stringsOnly ? 'a V1_0 claim value must be a string' : 'a claim value must not be null'}`);
    }
  }
  if (valueTooDeep(add, maxClaimsDepth)) throw invalid(`${where}.claimsToAddOrOverride: nested deeper than ${maxClaimsDepth} levels`);
  const refused = [...Object.keys(add), ...suppress].find(isProtectedClaim);
  if (refused !== undefined) throw invalid(`${where}: the claim ${refused} cannot be added, overridden or suppressed`);
  if (!Object.keys(add).length && !suppress.length) return undefined;
  return { claimsToAddOrOverride: add, claimsToSuppress: suppress };
}

/** `groupOverrideDetails` absent: the groups stay; present (even empty or null): they are replaced. */
function groupOverride(details: Record<string, unknown>, where: string): { groups?: GroupOverride } {
  if (!('groupOverrideDetails' in details)) return {};
  const raw = details.groupOverrideDetails;
  if (raw === null || raw === undefined) return { groups: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } };
  const g = objectAt(raw, `${where}.groupOverrideDetails`);
  if (g.preferredRole !== undefined && g.preferredRole !== null && typeof g.preferredRole !== 'string') {
    throw invalid(`${where}.groupOverrideDetails.preferredRole: must be a string`);
  }
  return {
    groups: {
      groupsToOverride: stringList(g.groupsToOverride, `${where}.groupOverrideDetails.groupsToOverride`),
      iamRolesToOverride: stringList(g.iamRolesToOverride, `${where}.groupOverrideDetails.iamRolesToOverride`),
      preferredRole: typeof g.preferredRole === 'string' ? g.preferredRole : null,
    },
  };
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${where}: must be a JSON object`);
  return value as Record<string, unknown>;
}

function stringList(value: unknown, where: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalid(`${where}: must be a list of strings`);
  return [...value];
}

function invalid(detail: string): Error {
  return invalidLambdaResponse(detail);
}
