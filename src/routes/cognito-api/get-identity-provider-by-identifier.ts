import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { identityProviderType, idpIdentifierProblems } from './identity-provider-input.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/** `GetIdentityProviderByIdentifier`: the provider one of whose IdpIdentifiers this is. */
export const getIdentityProviderByIdentifier =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', IdpIdentifier: 'string' });
    refuse(idpIdentifierProblems(input.IdpIdentifier));
    const pool = poolById(directory, input.UserPoolId);
    const provider = pool.identityProviders.find((p) => p.idpIdentifiers.includes(input.IdpIdentifier));
    if (!provider) throw new CognitoError('ResourceNotFoundException', `No identity provider of user pool ${pool.id} has the identifier ${input.IdpIdentifier}.`);
    return { IdentityProvider: identityProviderType(pool, provider) };
  };
