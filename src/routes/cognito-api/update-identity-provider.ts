import { checkOidcDetails } from '../../cognito/federation-provider.js';
import { checkIdentifiersFree, existingProvider, identityProviderType, providerNameProblems, providerSettingsProblems } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/** `UpdateIdentityProvider`: replaces ProviderDetails, AttributeMapping and IdpIdentifiers, each when given. */
export const updateIdentityProvider =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ProviderName: 'string', ProviderDetails: 'stringMap?', AttributeMapping: 'stringMap?', IdpIdentifiers: 'stringList?' });
    refuse([...providerNameProblems(input.ProviderName), ...providerSettingsProblems(undefined, input.AttributeMapping, input.IdpIdentifiers)]);
    const { pool, provider } = existingProvider(directory, input.UserPoolId, input.ProviderName);
    if (input.IdpIdentifiers) checkIdentifiersFree(pool, provider.name, input.IdpIdentifiers);
    if (input.ProviderDetails) checkOidcDetails(provider.type, input.ProviderDetails);
    if (input.ProviderDetails) provider.details = input.ProviderDetails;
    if (input.AttributeMapping) provider.attributeMapping = input.AttributeMapping;
    if (input.IdpIdentifiers) provider.idpIdentifiers = input.IdpIdentifiers;
    provider.modifiedAt = clock.now();
    return { IdentityProvider: identityProviderType(pool, provider) };
  };
