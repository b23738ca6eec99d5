import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { UserRecord } from '../config/types.js';
import type { Directory } from '../directory/directory.js';
import type { IdentityProvider, Pool } from '../directory/pool.js';
import { runPostAuthentication, runPreAuthentication } from '../triggers/authentication.js';
import { runPostConfirmation } from '../triggers/post-confirmation.js';
import { runPreSignUp } from '../triggers/pre-sign-up.js';
import type { Triggers } from '../triggers/triggers.js';
import { CognitoError } from './errors.js';
import { claimText } from './federation-claims.js';
import { linkedUser, type LinkedIdentity } from './federation-links.js';
import { findGroup } from './groups.js';
import { newUser } from './new-user.js';
import type { UserDates } from './user-dates.js';

export interface FederatedUserDeps {
  directory: Directory;
  triggers: Triggers;
  dates: UserDates;
  clock: Clock;
}

/** The group Cognito puts every user of a provider in: `<poolId>_<ProviderName>`. */
export function providerGroupName(pool: Pool, provider: IdentityProvider): string {
  return `${pool.id}_${provider.name}`;
}

/**
 * The user pool user behind a federated sign-in. The provider's claims go through its AttributeMapping
 * (user pool attribute → provider claim; `username`, by default `sub`, names the user
 * `<ProviderName>_<value>`).
 *
 * The first sign-in creates the user, as Cognito does (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#lambda-triggers-for-federated-users):
 * the pre sign-up function first (`PreSignUp_ExternalProvider`, with the mapped attributes; a throw refuses
 * the sign-in and nothing is created; `autoVerifyEmail` / `autoVerifyPhone` mark the mapped email or phone
 * number verified), then the post confirmation function (`PostConfirmation_ConfirmSignUp`), then the user is
 * kept: status EXTERNAL_PROVIDER, the `identities` attribute, and membership of the group
 * `<poolId>_<ProviderName>` (made when missing). Later sign-ins run the pre authentication function, then
 * the post authentication function with the newly mapped attributes, and only then update them. An identity
 * linked to a user with AdminLinkProviderForUser signs in as that user, as a later sign-in does.
 * Trigger failures throw Cognito's errors (UserLambdaValidationException…) before anything changes.
 */
export async function federatedUser(
  deps: FederatedUserDeps,
  input: { pool: Pool; provider: IdentityProvider; claims: Record<string, unknown>; clientId: string },
): Promise<{ user: UserRecord; created: boolean }> {
  const { directory, triggers, dates, clock } = deps;
  const { pool, provider, clientId } = input;
  const providerUserId = claimText(input.claims[provider.attributeMapping.username ?? 'sub']);
  if (!providerUserId) throw new CognitoError('InvalidParameterException', `The identity provider ${provider.name} sent no value for the username mapping.`);
  const username = `${provider.name}_${providerUserId}`;
  const mapped: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (attribute === 'username' || attribute === 'sub' || attribute === 'identities') continue;
    const value = claimText(input.claims[claim]);
    if (value !== undefined) mapped[attribute] = value;
  }

  const own = directory.userByUsername(pool, username);
  if (own && own.status !== 'EXTERNAL_PROVIDER') throw new CognitoError('InvalidParameterException', `A user named ${username} already exists and did not sign in through ${provider.name}.`);
  // An identity linked to another user (AdminLinkProviderForUser) signs in as that user.
  const existing = own ?? linkedUser(pool, provider.name, providerUserId);
  if (existing) {
    if (!existing.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    await runPreAuthentication(triggers, { pool, user: existing, clientId });
    await runPostAuthentication(triggers, { pool, user: { ...existing, attributes: { ...existing.attributes, ...mapped } }, clientId });
    const changes = Object.fromEntries(Object.entries(mapped).filter(([name, value]) => existing.attributes[name] !== value));
    if (Object.keys(changes).length) {
      directory.setAttributes(pool, existing, changes);
      dates.modified(existing);
    }
    return { user: existing, created: false };
  }

  const decision = await runPreSignUp(triggers, { pool, source: 'PreSignUp_ExternalProvider', userName: username, clientId, userAttributes: { ...mapped }, validationData: null });
  const attributes = { ...mapped };
  if (decision.autoVerifyEmail && attributes.email) attributes.email_verified = 'true';
  if (decision.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = 'true';
  const identity: LinkedIdentity = { userId: providerUserId, providerName: provider.name, providerType: provider.type, issuer: null, primary: true, dateCreated: clock.now() };
  attributes.identities = JSON.stringify([identity]);
  // No password signs this user in: sign-in goes through the provider.
  const made = newUser({ pool: pool.id, username, password: randomBytes(32).toString('base64url'), status: 'EXTERNAL_PROVIDER', attributes });
  await runPostConfirmation(triggers, { pool, source: 'PostConfirmation_ConfirmSignUp', user: made, clientId });

  const groupName = providerGroupName(pool, provider);
  if (!findGroup(pool, groupName)) {
    const now = clock.now();
    pool.groups.push({ name: groupName, description: `Autogenerated group for users who sign in using ${provider.name}`, createdAt: now, modifiedAt: now });
  }
  made.groups.push(groupName);
  const user = directory.addUser(pool, made);
  dates.created(user);
  return { user, created: true };
}
