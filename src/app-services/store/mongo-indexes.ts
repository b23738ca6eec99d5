/**
 * The indexes of the MongoDB store, created (idempotently) on connect.
 */
import type { Collection, IndexDescription } from 'mongodb';
import type { SessionDocument, UserDocument } from './mongo-documents.js';

/**
 * `users`:
 *
 * - `appId_identity_unique` makes "same sub, same user" a guarantee rather
 *   than a hope. `identities` is an array, so the index is multikey. Three
 *   points about multikey semantics decide whether it does what we want:
 *   1. Both indexed paths lie under the same array, so MongoDB builds one key
 *      per identity, pairing an element's `providerType` with the same
 *      element's `id` (no cross product between elements). The upsert filter
 *      uses `$elemMatch` for the same reason: both conditions must hold on
 *      one identity, exactly the pairs the index holds. (A plain dotted
 *      filter could match `providerType` on one identity and `id` on
 *      another.)
 *   2. A unique multikey index is unique across documents, not inside one:
 *      two users of an app can never own the same identity, while one user
 *      may gain more identities (linking) freely.
 *   3. A missing or empty `identities` indexes as null, so two such users of
 *      one app would collide. Every user is created with its identity
 *      (`$setOnInsert`), so this never arises.
 *   `providerId` is not in the key: an app has one custom-token provider and
 *   the identity is its `sub`.
 * - `appId_id` serves `listUsers` (filter by app, sorted by `_id`, that is in
 *   creation order) without an in-memory sort.
 *
 * `sessions`:
 *
 * - `userId` serves `deleteUserSessions` and `deleteUser`.
 * - `expiresAt_ttl` lets MongoDB delete expired sessions itself (the TTL
 *   monitor runs about once a minute, by the database's real clock).
 *   `getSession` lookups by `_id` need no index of ours.
 */
export const userIndexes: IndexDescription[] = [
  {
    key: { appId: 1, 'identities.providerType': 1, 'identities.id': 1 },
    name: 'appId_identity_unique',
    unique: true,
  },
  { key: { appId: 1, _id: 1 }, name: 'appId_id' },
];

/** See {@link userIndexes}. */
export const sessionIndexes: IndexDescription[] = [
  { key: { userId: 1 }, name: 'userId' },
  { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
];

/** Creates the store's indexes; a no-op when they exist already. */
export async function ensureIndexes(users: Collection<UserDocument>, sessions: Collection<SessionDocument>): Promise<void> {
  await Promise.all([users.createIndexes(userIndexes), sessions.createIndexes(sessionIndexes)]);
}
