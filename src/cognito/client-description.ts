import type { Client, Pool } from '../directory/pool.js';
import { secretValues } from './client-secrets.js';
import { settingsOf, type ClientSettings, type ValidityUnit } from './client-settings.js';

/**
 * Cognito's `UserPoolClientType` for a client (DescribeUserPoolClient, CreateUserPoolClient,
 * UpdateUserPoolClient). A configured client, which has no Cognito settings, is described as it
 * behaves: every auth flow, every OAuth flow it can use, its scopes, no user existence errors.
 */
export function userPoolClientType(pool: Pool, client: Client): Record<string, unknown> {
  // Clients made through the API hold every member; configured ones none (their TokenValidityUnits tell).
  const own = settingsOf(client);
  const settings = (own.TokenValidityUnits ? own : { ...configuredDefaults(client), ...own }) as ClientSettings;
  const units = settings.TokenValidityUnits;
  const secret = secretValues(client)[0];
  const { RetryGracePeriodSeconds: given, ...described } = settings;
  // As the request gave it; a configured client's only when it has one.
  const grace = given ?? (client.refreshTokenRetryGracePeriodSeconds || undefined);
  return {
    UserPoolId: pool.id,
    ClientName: client.name,
    ClientId: client.id,
    ...(secret !== undefined ? { ClientSecret: secret } : {}),
    LastModifiedDate: client.modifiedAt / 1000,
    CreationDate: client.createdAt / 1000,
    RefreshTokenValidity: inUnit(client.refreshTokenValiditySeconds, units.RefreshToken),
    AccessTokenValidity: inUnit(client.accessTokenValiditySeconds, units.AccessToken),
    IdTokenValidity: inUnit(client.idTokenValiditySeconds, units.IdToken),
    ...described,
    ...(client.callbackUrls.length ? { CallbackURLs: [...client.callbackUrls] } : {}),
    ...(client.logoutUrls.length ? { LogoutURLs: [...client.logoutUrls] } : {}),
    ...(client.allowedScopes.length ? { AllowedOAuthScopes: [...client.allowedScopes] } : {}),
    RefreshTokenRotation: { Feature: client.refreshTokenRotation ? 'ENABLED' : 'DISABLED', ...(grace !== undefined ? { RetryGracePeriodSeconds: grace } : {}) },
  };
}

const unitSeconds: Record<ValidityUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A validity in its unit (whole numbers only: seconds when the unit does not divide it). */
function inUnit(seconds: number, unit: ValidityUnit): number {
  return seconds % unitSeconds[unit] === 0 ? seconds / unitSeconds[unit] : seconds;
}

/** What a configured client (no settings) does, in Cognito's members. */
function configuredDefaults(client: Client): ClientSettings {
  const unit = (s: number, larger: ValidityUnit): ValidityUnit => (s % unitSeconds[larger] === 0 ? larger : s % 60 === 0 ? 'minutes' : 'seconds');
  return {
    TokenValidityUnits: {
      AccessToken: unit(client.accessTokenValiditySeconds, 'minutes'),
      IdToken: unit(client.idTokenValiditySeconds, 'minutes'),
      RefreshToken: unit(client.refreshTokenValiditySeconds, 'days'),
    },
    ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
    SupportedIdentityProviders: ['COGNITO'],
    AllowedOAuthFlows: secretValues(client).length ? ['code', 'implicit', 'client_credentials'] : ['code', 'implicit'],
    AllowedOAuthFlowsUserPoolClient: true,
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
  };
}
