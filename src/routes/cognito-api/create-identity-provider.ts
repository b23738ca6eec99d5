import { CognitoError } from '../../cognito/errors.js';
import { checkOidcDetails } from '../../cognito/federation-provider.js';
import { poolById } from '../../cognito/lookups.js';
import { checkIdentifiersFree, checkSocialName, identityProviderType, providerNameProblems, providerSettingsProblems } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/**
 * `CreateIdentityProvider`: a SAML, OIDC or social provider of the pool, stored
 * and described as given. Users sign in through OIDC providers (see idpresponse.ts); an OIDC
 * provider's details must name its client_id, oidc_issuer and authorize_scopes.
 */
export const createIdentityProvider =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, {
      UserPoolId: 'string',
      ProviderName: 'string',
      ProviderType: 'string',
      ProviderDetails: 'stringMap',
      AttributeMapping: 'stringMap?',
      IdpIdentifiers: 'stringList?',
    });
    refuse([...providerNameProblems(input.ProviderName, true), ...providerSettingsProblems(input.ProviderType, input.AttributeMapping, input.IdpIdentifiers)]);
    const pool = poolById(directory, input.UserPoolId);
    checkSocialName(input.ProviderName, input.ProviderType);
    checkOidcDetails(input.ProviderType, input.ProviderDetails);
    if (pool.identityProviders.some((p) => p.name === input.ProviderName)) {
      // Cognito's words, as CloudTrail records them.
      throw new CognitoError('DuplicateProviderException', `${input.ProviderName} already exists in user pool ${pool.id}`);
    }
    const idpIdentifiers = input.IdpIdentifiers ?? [];
    checkIdentifiersFree(pool, input.ProviderName, idpIdentifiers);
    const now = clock.now();
    const provider = {
      name: input.ProviderName,
      type: input.ProviderType,
      details: input.ProviderDetails,
      attributeMapping: input.AttributeMapping ?? {},
      idpIdentifiers,
      createdAt: now,
      modifiedAt: now,
    };
    pool.identityProviders.push(provider);
    return { IdentityProvider: identityProviderType(pool, provider) };
  };
