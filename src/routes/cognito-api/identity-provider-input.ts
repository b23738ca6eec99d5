import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import type { Directory } from '../../directory/directory.js';
import type { IdentityProvider, Pool } from '../../directory/pool.js';

/** Cognito's `IdentityProviderTypeType`. */
export const providerTypes = ['SAML', 'Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC'];
/** Social providers: their name must be their type (`Provider NameOfGP cannot be of type Google.`). */
const socialTypes = ['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple'];

// The botocore model's patterns (cognito-idp 2016-04-18): ProviderNameTypeV2 (CreateIdentityProvider),
// ProviderNameType (the other operations), IdpIdentifierType.
const newNamePattern = '[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+';
const namePattern = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+';
const identifierPattern = '[\\w\\s+=.@-]+';

/** Validation problems of a ProviderName: `creating` applies CreateIdentityProvider's stricter pattern. */
export function providerNameProblems(name: string, creating = false): string[] {
  return lengthAndPattern('providerName', name, 32, creating ? newNamePattern : namePattern);
}

/** Validation problems of ProviderType, AttributeMapping keys and IdpIdentifiers. */
export function providerSettingsProblems(type: string | undefined, mapping: Record<string, string> | undefined, identifiers: string[] | undefined): string[] {
  const problems: string[] = [];
  if (type !== undefined && !providerTypes.includes(type)) {
    problems.push(`Value '${type}' at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: [${providerTypes.join(', ')}]`);
  }
  for (const key of Object.keys(mapping ?? {})) {
    if (key.length < 1 || key.length > 32) problems.push(`Value '${key}' at 'attributeMapping' failed to satisfy constraint: Map keys must have length between 1 and 32`);
  }
  if (identifiers && identifiers.length > 50) problems.push("Value at 'idpIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 50");
  identifiers?.forEach((id, i) => problems.push(...lengthAndPattern(`idpIdentifiers.${i + 1}.member`, id, 40, identifierPattern)));
  return problems;
}

/** Validation problems of an IdpIdentifier (GetIdentityProviderByIdentifier). */
export function idpIdentifierProblems(identifier: string): string[] {
  return lengthAndPattern('idpIdentifier', identifier, 40, identifierPattern);
}

/** A social provider's name is its type, as Cognito requires. */
export function checkSocialName(name: string, type: string): void {
  if (socialTypes.includes(type) && name !== type) throw new CognitoError('InvalidParameterException', `Provider ${name} cannot be of type ${type}.`);
}

/**
 * DuplicateProviderException when an identifier is listed twice or another provider of the pool
 * already has it: GetIdentityProviderByIdentifier and `idp_identifier` must name one provider.
 */
export function checkIdentifiersFree(pool: Pool, name: string, identifiers: readonly string[]): void {
  identifiers.forEach((id, i) => {
    const holder = identifiers.indexOf(id) !== i ? name : pool.identityProviders.find((p) => p.name !== name && p.idpIdentifiers.includes(id))?.name;
    if (holder !== undefined) throw new CognitoError('DuplicateProviderException', `Identifier ${id} is already used by identity provider ${holder} in user pool ${pool.id}`);
  });
}

/** The pool's provider by name, or ResourceNotFoundException. */
export function existingProvider(directory: Directory, poolId: string, name: string): { pool: Pool; provider: IdentityProvider } {
  const pool = poolById(directory, poolId);
  const provider = pool.identityProviders.find((p) => p.name === name);
  if (!provider) throw new CognitoError('ResourceNotFoundException', `Identity provider ${name} does not exist in user pool ${poolId}.`);
  return { pool, provider };
}

/** Cognito's `IdentityProviderType`; dates in epoch seconds. */
export function identityProviderType(pool: Pool, p: IdentityProvider): object {
  return {
    UserPoolId: pool.id,
    ProviderName: p.name,
    ProviderType: p.type,
    ProviderDetails: { ...p.details },
    AttributeMapping: { ...p.attributeMapping },
    IdpIdentifiers: [...p.idpIdentifiers],
    LastModifiedDate: p.modifiedAt / 1000,
    CreationDate: p.createdAt / 1000,
  };
}

/** Cognito's `ProviderDescription` (ListIdentityProviders). */
export function providerDescription(p: IdentityProvider): object {
  return { ProviderName: p.name, ProviderType: p.type, LastModifiedDate: p.modifiedAt / 1000, CreationDate: p.createdAt / 1000 };
}

function lengthAndPattern(at: string, value: string, max: number, pattern: string): string[] {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (value.length > max) return [`Value '${shown}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`];
  if (value.length < 1) return [`Value '' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to 1`];
  if (!new RegExp(`^(?:${pattern})$`, 'u').test(value)) return [`Value '${shown}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`];
  return [];
}
