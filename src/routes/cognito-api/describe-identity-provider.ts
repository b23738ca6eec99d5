import { existingProvider, identityProviderType, providerNameProblems } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/** `DescribeIdentityProvider`: the provider's type, details, attribute mapping and identifiers. */
export const describeIdentityProvider =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', ProviderName: 'string' });
    refuse(providerNameProblems(input.ProviderName));
    const { pool, provider } = existingProvider(directory, input.UserPoolId, input.ProviderName);
    return { IdentityProvider: identityProviderType(pool, provider) };
  };
