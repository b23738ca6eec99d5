import type { Client, Pool } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/**
 * The members of Cognito's `UserPoolClientType` kept in `Client.settings` (the rest live in typed
 * `Client` fields: name, secrets, validities in seconds, scopes, URLs, rotation). Clients made through
 * the API hold every member, with Cognito's defaults; configured clients hold none, and a missing
 * member means "as mock-idp always behaved": every flow, every attribute, no user existence errors.
 */
export type ClientSettings = {
  TokenValidityUnits: { AccessToken: ValidityUnit; IdToken: ValidityUnit; RefreshToken: ValidityUnit };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows: ExplicitAuthFlow[];
  SupportedIdentityProviders?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: OAuthFlow[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  AnalyticsConfiguration?: Record<string, unknown>;
  PreventUserExistenceErrors: 'LEGACY' | 'ENABLED';
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  AuthSessionValidity: number;
  /** As given, for DescribeUserPoolClient; `Client.refreshTokenRetryGracePeriodSeconds` is what acts. */
  RetryGracePeriodSeconds?: number;
};

export type ValidityUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export type OAuthFlow = 'code' | 'implicit' | 'client_credentials';

/** Cognito's `ExplicitAuthFlowsType`: the `ALLOW_*` values and the three legacy ones. */
export const explicitAuthFlows = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;
export type ExplicitAuthFlow = (typeof explicitAuthFlows)[number];
export const legacyAuthFlows: readonly ExplicitAuthFlow[] = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH'];

/** The client's settings; members a configured client lacks are undefined. */
export function settingsOf(client: Pick<Client, 'settings'>): Partial<ClientSettings> {
  return client.settings;
}

/** The `ALLOW_*` value an InitiateAuth / AdminInitiateAuth AuthFlow needs. */
const neededFlow: Record<string, ExplicitAuthFlow> = {
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

/**
 * The `ALLOW_*` flows a client's ExplicitAuthFlows permit. The legacy values keep their old meaning:
 * SRP and refresh are always on, ADMIN_NO_SRP_AUTH and USER_PASSWORD_AUTH add the password flows,
 * CUSTOM_AUTH_FLOW_ONLY allows custom authentication alone (and refresh).
 */
export function allowedAuthFlows(flows: readonly ExplicitAuthFlow[]): Set<ExplicitAuthFlow> {
  if (!flows.some((f) => legacyAuthFlows.includes(f))) return new Set(flows);
  if (flows.includes('CUSTOM_AUTH_FLOW_ONLY')) return new Set(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  const allowed = new Set<ExplicitAuthFlow>(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH']);
  if (flows.includes('ADMIN_NO_SRP_AUTH')) allowed.add('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  if (flows.includes('USER_PASSWORD_AUTH')) allowed.add('ALLOW_USER_PASSWORD_AUTH');
  return allowed;
}

/**
 * Refuses an AuthFlow the client's ExplicitAuthFlows do not allow, as Cognito does
 * (`USER_PASSWORD_AUTH flow not enabled for this client`). Clients without the setting allow every flow.
 */
export function checkExplicitAuthFlow(client: Pick<Client, 'settings'>, authFlow: string): void {
  const flows = settingsOf(client).ExplicitAuthFlows;
  const needed = neededFlow[authFlow];
  if (flows === undefined || needed === undefined) return;
  if (!allowedAuthFlows(flows).has(needed)) throw new CognitoError('InvalidParameterException', `${authFlow} flow not enabled for this client`);
}

/**
 * The user-existence error for an unknown user, when the client is LEGACY (Cognito's API default):
 * UserNotFoundException with `message`. Undefined when it is ENABLED (and for configured clients),
 * so the caller answers as if the user existed.
 */
export function userExistenceError(client: Pick<Client, 'settings'>, message = 'User does not exist.'): CognitoError | undefined {
  return settingsOf(client).PreventUserExistenceErrors === 'LEGACY' ? new CognitoError('UserNotFoundException', message) : undefined;
}

/** Whether the client may read `attribute` (its ReadAttributes; every attribute when unset). */
export function canRead(client: Pick<Client, 'settings'> | undefined, attribute: string): boolean {
  const read = client && settingsOf(client).ReadAttributes;
  return read === undefined || read.includes(attribute);
}

/** Refuses attributes outside the client's WriteAttributes, in Cognito's words; every attribute is writable when unset. */
export function checkWritable(client: Pick<Client, 'settings'> | undefined, attributes: Iterable<string>): void {
  const write = client && settingsOf(client).WriteAttributes;
  if (write === undefined) return;
  for (const name of attributes) {
    if (!write.includes(name)) throw new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
  }
}

/** EnableTokenRevocation (on unless a client turned it off). */
export function tokenRevocationEnabled(client: Pick<Client, 'settings'>): boolean {
  return settingsOf(client).EnableTokenRevocation !== false;
}

/**
 * Whether the OAuth endpoints may serve this grant to the client: it must use OAuth
 * (AllowedOAuthFlowsUserPoolClient) and list the flow in AllowedOAuthFlows. Configured clients, which
 * set neither, may use every flow.
 */
export function allowsOAuthFlow(client: Pick<Client, 'settings'>, flow: OAuthFlow): boolean {
  const settings = settingsOf(client);
  if (settings.AllowedOAuthFlowsUserPoolClient === false) return false;
  return settings.AllowedOAuthFlows === undefined || settings.AllowedOAuthFlows.includes(flow);
}

/** The client an access token was issued to (its `client_id`), if it still exists: its settings limit what the token may read and write. */
export function clientOfToken(pool: Pick<Pool, 'clients'>, claims: Record<string, unknown>): Client | undefined {
  return pool.clients.find((c) => c.id === claims.client_id);
}
