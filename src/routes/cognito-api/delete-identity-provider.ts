import { existingProvider, providerNameProblems } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/** `DeleteIdentityProvider`: the provider and its identifiers are gone. */
export const deleteIdentityProvider =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ProviderName: 'string' });
    refuse(providerNameProblems(input.ProviderName));
    const { pool, provider } = existingProvider(directory, input.UserPoolId, input.ProviderName);
    pool.identityProviders.splice(pool.identityProviders.indexOf(provider), 1);
    return {};
  };
