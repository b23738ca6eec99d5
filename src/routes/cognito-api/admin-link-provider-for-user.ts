import { CognitoError } from '../../cognito/errors.js';
import { identitiesOf, linkedUser, maxLinkedIdentities, type LinkedIdentity } from '../../cognito/federation-links.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** Cognito's `ProviderUserIdentifierType`, as read from the request. */
function providerUser(value: Record<string, unknown>, member: string): { ProviderName: string; ProviderAttributeName?: string; ProviderAttributeValue: string } {
  const { ProviderName, ProviderAttributeName, ProviderAttributeValue } = value;
  if (typeof ProviderName !== 'string' || !ProviderName) throw new CognitoError('InvalidParameterException', `${member}.ProviderName is required.`);
  if (typeof ProviderAttributeValue !== 'string' || !ProviderAttributeValue) throw new CognitoError('InvalidParameterException', `${member}.ProviderAttributeValue is required.`);
  if (ProviderAttributeName !== undefined && typeof ProviderAttributeName !== 'string') throw new CognitoError('InvalidParameterException', `${member}.ProviderAttributeName must be a string.`);
  return { ProviderName, ProviderAttributeValue, ...(ProviderAttributeName !== undefined ? { ProviderAttributeName } : {}) };
}

/**
 * `AdminLinkProviderForUser` (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html):
 * links an identity of one of the pool's providers (SourceUser: the provider's name, `Cognito_Subject`, the
 * provider's user id) to an existing user (DestinationUser: `Cognito` and a username, or a provider's name
 * and its user id). The source identity must not be a user of the pool yet. The destination's `identities`
 * gains the entry (`primary: false`); from then on a sign-in through that provider as that identity signs
 * in as the destination user (see federation-users.ts). At most five identities per user.
 */
export const adminLinkProviderForUser =
  ({ directory, dates, clock }: Pick<CognitoApiDeps, 'directory' | 'dates' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', DestinationUser: 'object', SourceUser: 'object' });
    const destination = providerUser(input.DestinationUser, 'DestinationUser');
    const source = providerUser(input.SourceUser, 'SourceUser');
    const pool = poolById(directory, input.UserPoolId);
    const user =
      destination.ProviderName === 'Cognito'
        ? existingUser(directory, pool, destination.ProviderAttributeValue)
        : existingUser(directory, pool, `${destination.ProviderName}_${destination.ProviderAttributeValue}`);
    const provider = pool.identityProviders.find((p) => p.name === source.ProviderName);
    if (!provider) throw new CognitoError('InvalidParameterException', `The user pool has no identity provider ${source.ProviderName}.`);
    if (source.ProviderAttributeName !== 'Cognito_Subject') {
      throw new CognitoError('InvalidParameterException', 'mock-idp links identities by Cognito_Subject only: set SourceUser.ProviderAttributeName to Cognito_Subject.');
    }
    const sourceId = source.ProviderAttributeValue;
    if (directory.userByUsername(pool, `${provider.name}_${sourceId}`)) {
      throw new CognitoError('InvalidParameterException', `The source user ${provider.name}_${sourceId} already exists in the user pool: link an identity before its first sign-in.`);
    }
    const holder = linkedUser(pool, provider.name, sourceId);
    if (holder === user) return {};
    if (holder) throw new CognitoError('InvalidParameterException', 'Merging is not supported: the SourceUser is already linked to another user.');
    const identities = identitiesOf(user);
    if (identities.filter((i) => !i.primary).length >= maxLinkedIdentities) throw new CognitoError('LimitExceededException', `A user can have at most ${maxLinkedIdentities} linked identities.`);
    const entry: LinkedIdentity = { userId: sourceId, providerName: provider.name, providerType: provider.type, issuer: null, primary: false, dateCreated: clock.now() };
    directory.setAttributes(pool, user, { identities: JSON.stringify([...identities, entry]) });
    dates.modified(user);
    return {};
  };
