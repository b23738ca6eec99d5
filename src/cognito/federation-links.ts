import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';

/** One entry of the `identities` attribute (a JSON string whose `primary` is a boolean and `dateCreated` a number). */
export interface LinkedIdentity {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: boolean;
  dateCreated: number;
}

/** Most identities linked to one user (AdminLinkProviderForUser's API reference: five). */
export const maxLinkedIdentities = 5;

/** The entries of a user's `identities` attribute ([] when it has none or it is not a JSON list). */
export function identitiesOf(user: Pick<UserRecord, 'attributes'>): LinkedIdentity[] {
  const raw = user.attributes.identities;
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as LinkedIdentity[]) : [];
  } catch {
    return [];
  }
}

/**
 * The user of `pool` that an identity of `providerName` was linked to (AdminLinkProviderForUser): a
 * federated sign-in as that identity signs in as this user. Looks through the users that have an
 * `identities` attribute: linking is rare, and sign-ins through a provider rarer than the pool's size.
 */
export function linkedUser(pool: Pool, providerName: string, providerUserId: string): UserRecord | undefined {
  return pool.users.find((user) => user.attributes.identities !== undefined && identitiesOf(user).some((i) => !i.primary && i.providerName === providerName && i.userId === providerUserId));
}
