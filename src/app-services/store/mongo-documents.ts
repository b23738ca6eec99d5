/**
 * How users and sessions look inside MongoDB, and the mapping to the Store's
 * plain objects. Ids are ObjectIds (so `users._id` and `sessions.userId`
 * join in Compass); `sessions.expiresAt` is a Date so a TTL index can expire
 * it; every other time stays in epoch seconds, as the API has it.
 */
import type { ObjectId } from 'mongodb';
import type { AppUser, Identity, Session } from './types.js';

/** A document of the `users` collection. */
export interface UserDocument {
  _id: ObjectId;
  appId: string;
  identities: Identity[];
  type: AppUser['type'];
  data: Record<string, unknown>;
  creationDate: number;
  lastAuthenticationDate: number;
  disabled: boolean;
}

/** A document of the `sessions` collection. */
export interface SessionDocument {
  _id: ObjectId;
  appId: string;
  userId: ObjectId;
  deviceId: string;
  createdAt: number;
  /** A Date, for the TTL index; epoch seconds in the API. */
  expiresAt: Date;
}

/** The API's user for a stored document. */
export function userFromDocument(document: UserDocument): AppUser {
  return {
    id: document._id.toHexString(),
    appId: document.appId,
    identities: document.identities.map(({ id, providerType, providerId }) => ({ id, providerType, providerId })),
    type: document.type,
    data: document.data,
    creationDate: document.creationDate,
    lastAuthenticationDate: document.lastAuthenticationDate,
    disabled: document.disabled,
  };
}

/** The API's session for a stored document. */
export function sessionFromDocument(document: SessionDocument): Session {
  return {
    id: document._id.toHexString(),
    appId: document.appId,
    userId: document.userId.toHexString(),
    deviceId: document.deviceId,
    createdAt: document.createdAt,
    expiresAt: document.expiresAt.getTime() / 1000,
  };
}
