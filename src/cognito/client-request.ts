import type { Client, Pool } from '../directory/pool.js';
import { explicitAuthFlows, legacyAuthFlows, type ClientSettings, type ExplicitAuthFlow, type OAuthFlow, type ValidityUnit } from './client-settings.js';
import { CognitoError } from './errors.js';

/**
 * The members CreateUserPoolClient and UpdateUserPoolClient share, for `readInput`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html).
 */
export const clientRequestSpec = {
  UserPoolId: 'string',
  RefreshTokenValidity: 'integer?',
  AccessTokenValidity: 'integer?',
  IdTokenValidity: 'integer?',
  TokenValidityUnits: 'object?',
  ReadAttributes: 'stringList?',
  WriteAttributes: 'stringList?',
  ExplicitAuthFlows: 'stringList?',
  SupportedIdentityProviders: 'stringList?',
  CallbackURLs: 'stringList?',
  LogoutURLs: 'stringList?',
  DefaultRedirectURI: 'string?',
  AllowedOAuthFlows: 'stringList?',
  AllowedOAuthScopes: 'stringList?',
  AllowedOAuthFlowsUserPoolClient: 'boolean?',
  AnalyticsConfiguration: 'object?',
  PreventUserExistenceErrors: 'string?',
  EnableTokenRevocation: 'boolean?',
  EnablePropagateAdditionalUserContextData: 'boolean?',
  AuthSessionValidity: 'integer?',
  RefreshTokenRotation: 'object?',
} as const;

/** What a CreateUserPoolClient / UpdateUserPoolClient request carries (after `readInput`). */
export interface ClientRequest {
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: Record<string, unknown>;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AnalyticsConfiguration?: Record<string, unknown>;
  PreventUserExistenceErrors?: string;
  EnableTokenRevocation?: boolean;
  EnablePropagateAdditionalUserContextData?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: Record<string, unknown>;
}

/** The client fields a request sets: everything but the id, name, secrets and dates. */
export type ClientFields = Pick<
  Client,
  | 'idTokenValiditySeconds'
  | 'accessTokenValiditySeconds'
  | 'refreshTokenValiditySeconds'
  | 'allowedScopes'
  | 'callbackUrls'
  | 'logoutUrls'
  | 'refreshTokenRotation'
  | 'refreshTokenRetryGracePeriodSeconds'
> & { settings: ClientSettings };

const unitSeconds: Record<ValidityUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const standardScopes = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];
const oauthFlows: readonly OAuthFlow[] = ['code', 'implicit', 'client_credentials'];
/** What Cognito allows as a callback or sign-out URL: https, http on a loopback host, or an app scheme; no fragment. */
const redirectUrl = /^(?:https:\/\/[^#\s]+|http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:[/?][^#\s]*)?|(?![hH][tT][tT][pP][sS]?:)[a-zA-Z][a-zA-Z0-9+.-]*:[^#\s]+)$/;

/** Cognito's ranges per token (developer guide, "Using tokens"), and its units when the request names none. */
const validities = {
  AccessToken: { member: 'AccessTokenValidity', min: 300, max: 86400, range: '5 minutes and 1 day', unitGiven: 'hours', unitDefault: 'minutes', default: 3600 },
  IdToken: { member: 'IdTokenValidity', min: 300, max: 86400, range: '5 minutes and 1 day', unitGiven: 'hours', unitDefault: 'minutes', default: 3600 },
  RefreshToken: { member: 'RefreshTokenValidity', min: 3600, max: 3650 * 86400, range: '60 minutes and 3650 days', unitGiven: 'days', unitDefault: 'days', default: 30 * 86400 },
} as const;

/** A client name as the API takes it. */
export function checkClientName(name: string): void {
  if (name.length > 128 || !/^[\w\s+=,.@-]+$/.test(name)) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${name.slice(0, 60)}' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
    );
  }
}

/**
 * The client fields a CreateUserPoolClient or UpdateUserPoolClient request sets, with Cognito's
 * default for every member it leaves out (UpdateUserPoolClient resets those too, as its API reference
 * warns). Throws InvalidParameterException (ScopeDoesNotExistException for an unknown scope) and
 * changes nothing when the request is not valid.
 */
export function clientFields(pool: Pool, request: ClientRequest, { confidential, verb }: { confidential: boolean; verb: 'creating' | 'updating' }): ClientFields {
  const units = tokenValidityUnits(request.TokenValidityUnits);
  const chosenUnits = {} as ClientSettings['TokenValidityUnits'];
  const seconds = {} as Record<keyof typeof validities, number>;
  for (const [token, rule] of Object.entries(validities) as Array<[keyof typeof validities, (typeof validities)[keyof typeof validities]]>) {
    const value = request[rule.member];
    // RefreshTokenValidity 0 means the default (the API reference says so); other zeros are out of range.
    const given = value !== undefined && !(token === 'RefreshToken' && value === 0);
    const unit: ValidityUnit = units[token] ?? (given ? rule.unitGiven : rule.unitDefault);
    const s = given ? value * unitSeconds[unit] : rule.default;
    if (s < rule.min || s > rule.max) {
      throw new CognitoError('InvalidParameterException', `Invalid range for token validity: ${rule.member} must be between ${rule.range}.`);
    }
    seconds[token] = s;
    chosenUnits[token] = s % unitSeconds[unit] === 0 ? unit : 'seconds';
  }

  checkAttributes(pool, request.ReadAttributes, 'read', verb);
  checkAttributes(pool, request.WriteAttributes, 'write', verb);
  const flows = authFlows(request.ExplicitAuthFlows);
  checkProviders(pool, request.SupportedIdentityProviders);
  const callbackUrls = urls(request.CallbackURLs, 'CallbackURL');
  const logoutUrls = urls(request.LogoutURLs, 'LogoutURL');
  if (request.DefaultRedirectURI !== undefined && !callbackUrls.includes(request.DefaultRedirectURI)) {
    throw new CognitoError('InvalidParameterException', 'DefaultRedirectURI must be one of the CallbackURLs');
  }
  const oauth = oauthSettings(pool, request, confidential);
  const prevent = request.PreventUserExistenceErrors;
  if (prevent !== undefined && prevent !== 'LEGACY' && prevent !== 'ENABLED') {
    throw enumError(prevent, 'preventUserExistenceErrors', ['LEGACY', 'ENABLED']);
  }
  if (request.EnablePropagateAdditionalUserContextData && !confidential) {
    throw new CognitoError('InvalidParameterException', 'EnablePropagateAdditionalUserContextData can only be set for a client with a secret');
  }
  const session = request.AuthSessionValidity ?? 3;
  if (session < 3 || session > 15) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${session}' at 'authSessionValidity' failed to satisfy constraint: Member must have value between 3 and 15`,
    );
  }
  const rotation = refreshTokenRotation(request.RefreshTokenRotation);

  const settings: ClientSettings = {
    TokenValidityUnits: chosenUnits,
    ExplicitAuthFlows: flows,
    AllowedOAuthFlowsUserPoolClient: oauth.enabled,
    PreventUserExistenceErrors: prevent ?? 'LEGACY',
    EnableTokenRevocation: request.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: request.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: session,
    ...(request.ReadAttributes ? { ReadAttributes: [...request.ReadAttributes] } : {}),
    ...(request.WriteAttributes ? { WriteAttributes: [...request.WriteAttributes] } : {}),
    ...(request.SupportedIdentityProviders ? { SupportedIdentityProviders: [...request.SupportedIdentityProviders] } : {}),
    ...(request.DefaultRedirectURI !== undefined ? { DefaultRedirectURI: request.DefaultRedirectURI } : {}),
    ...(oauth.flows ? { AllowedOAuthFlows: oauth.flows } : {}),
    ...(request.AnalyticsConfiguration ? { AnalyticsConfiguration: structuredClone(request.AnalyticsConfiguration) } : {}),
    ...(rotation.grace !== undefined ? { RetryGracePeriodSeconds: rotation.grace } : {}),
  };
  return {
    idTokenValiditySeconds: seconds.IdToken,
    accessTokenValiditySeconds: seconds.AccessToken,
    refreshTokenValiditySeconds: seconds.RefreshToken,
    allowedScopes: oauth.scopes,
    callbackUrls,
    logoutUrls,
    refreshTokenRotation: rotation.enabled,
    refreshTokenRetryGracePeriodSeconds: rotation.grace ?? 0,
    settings,
  };
}

function tokenValidityUnits(given: Record<string, unknown> | undefined): Partial<Record<keyof typeof validities, ValidityUnit>> {
  const units: Partial<Record<keyof typeof validities, ValidityUnit>> = {};
  for (const [name, unit] of Object.entries(given ?? {})) {
    if (unit === null || unit === undefined) continue;
    if (!(name in validities)) throw new CognitoError('InvalidParameterException', `TokenValidityUnits has no member ${name} (AccessToken, IdToken, RefreshToken)`);
    if (typeof unit !== 'string' || !(unit in unitSeconds)) throw enumError(String(unit), `tokenValidityUnits.${name[0]!.toLowerCase()}${name.slice(1)}`, Object.keys(unitSeconds));
    units[name as keyof typeof validities] = unit as ValidityUnit;
  }
  return units;
}

/** ReadAttributes / WriteAttributes must name attributes of the pool's schema. */
function checkAttributes(pool: Pool, names: string[] | undefined, kind: 'read' | 'write', verb: string): void {
  if (!names) return;
  const schema = new Set(pool.settings.SchemaAttributes.flatMap((a) => [a.Name, `custom:${a.Name}`]));
  if (names.some((n) => !schema.has(n))) throw new CognitoError('InvalidParameterException', `Invalid ${kind} attributes specified while ${verb} a client`);
}

/** The ExplicitAuthFlows to keep: Cognito's default (refresh, SRP, custom) when none are given. */
function authFlows(given: string[] | undefined): ExplicitAuthFlow[] {
  if (!given || given.length === 0) return ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];
  const unknown = given.find((f) => !(explicitAuthFlows as readonly string[]).includes(f));
  if (unknown !== undefined) throw enumError(unknown, 'explicitAuthFlows', explicitAuthFlows);
  const flows = [...new Set(given)] as ExplicitAuthFlow[];
  if (flows.some((f) => legacyAuthFlows.includes(f)) && flows.some((f) => f.startsWith('ALLOW_'))) {
    throw new CognitoError('InvalidParameterException', 'ExplicitAuthFlows cannot mix the legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) with ALLOW_ values');
  }
  return flows;
}

/** SupportedIdentityProviders: COGNITO or the pool's identity providers. */
function checkProviders(pool: Pool, providers: string[] | undefined): void {
  for (const name of providers ?? []) {
    if (name !== 'COGNITO' && !pool.identityProviders.some((p) => p.name === name)) {
      throw new CognitoError('InvalidParameterException', `The provider ${name} does not exist for User Pool ${pool.id}`);
    }
  }
}

function urls(given: string[] | undefined, what: 'CallbackURL' | 'LogoutURL'): string[] {
  for (const url of given ?? []) {
    if (url.length > 1024 || !redirectUrl.test(url)) {
      throw new CognitoError('InvalidParameterException', `Invalid ${what}: ${url.slice(0, 100)} (an absolute URL without a fragment: https, http on localhost, or an app scheme)`);
    }
  }
  return [...new Set(given ?? [])];
}

/**
 * AllowedOAuthFlows and AllowedOAuthScopes need AllowedOAuthFlowsUserPoolClient, which needs both;
 * client_credentials stands alone and needs a secret; custom scopes must exist on a resource server.
 */
function oauthSettings(pool: Pool, request: ClientRequest, confidential: boolean): { enabled: boolean; flows?: OAuthFlow[]; scopes: string[] } {
  const enabled = request.AllowedOAuthFlowsUserPoolClient ?? false;
  const flows = request.AllowedOAuthFlows?.length ? ([...new Set(request.AllowedOAuthFlows)] as OAuthFlow[]) : undefined;
  const scopes = [...new Set(request.AllowedOAuthScopes ?? [])];
  const unknownFlow = flows?.find((f) => !oauthFlows.includes(f));
  if (unknownFlow !== undefined) throw enumError(unknownFlow, 'allowedOAuthFlows', oauthFlows);
  if (!enabled && (flows || scopes.length)) {
    throw new CognitoError('InvalidParameterException', 'AllowedOAuthFlows and AllowedOAuthScopes need AllowedOAuthFlowsUserPoolClient set to true');
  }
  if (enabled && (!flows || scopes.length === 0)) {
    throw new CognitoError('InvalidParameterException', 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows');
  }
  if (flows?.includes('client_credentials')) {
    if (flows.length > 1) throw new CognitoError('InvalidParameterException', 'client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!confidential) throw new CognitoError('InvalidParameterException', 'client_credentials flow can not be selected if client does not have a client secret.');
  }
  const custom = new Set(pool.resourceServers.flatMap((r) => r.scopes.map((s) => `${r.identifier}/${s.ScopeName}`)));
  const missing = scopes.find((s) => !standardScopes.includes(s) && !custom.has(s));
  if (missing !== undefined) throw new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${missing}`);
  return { enabled, ...(flows ? { flows } : {}), scopes };
}

function refreshTokenRotation(given: Record<string, unknown> | undefined): { enabled: boolean; grace?: number } {
  if (!given) return { enabled: false };
  const { Feature: feature, RetryGracePeriodSeconds: grace } = given;
  if (feature !== 'ENABLED' && feature !== 'DISABLED') throw enumError(String(feature), 'refreshTokenRotation.feature', ['ENABLED', 'DISABLED']);
  if (grace !== undefined && grace !== null && (!Number.isInteger(grace) || (grace as number) < 0 || (grace as number) > 60)) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${String(grace)}' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value between 0 and 60`,
    );
  }
  return { enabled: feature === 'ENABLED', ...(typeof grace === 'number' ? { grace } : {}) };
}

function enumError(value: string, at: string, values: readonly string[]): CognitoError {
  return new CognitoError(
    'InvalidParameterException',
    `1 validation error detected: Value '${value.slice(0, 60)}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
  );
}
