/**
 * User and session ids are 24-hex ObjectId strings, in both stores. One
 * pattern decides what counts as one, so the memory store refuses and misses
 * exactly what the MongoDB store does.
 */
import { ObjectId } from 'mongodb';

const objectIdHex = /^[0-9a-f]{24}$/;

/** True if `value` is a lowercase 24-hex ObjectId string, as the stores hand out. */
export function isObjectIdHex(value: string): boolean {
  return objectIdHex.test(value);
}

/** A new ObjectId as a 24-hex string. */
export function newObjectIdHex(): string {
  return new ObjectId().toHexString();
}

/** The ObjectId for a 24-hex string, or null for anything else (a lookup that cannot match). */
export function toObjectId(value: string): ObjectId | null {
  return isObjectIdHex(value) ? ObjectId.createFromHexString(value) : null;
}

/**
 * Checks an id a caller wants to store; both stores throw the same TypeError.
 *
 * @example
 * assertObjectIdHex(session.id, 'session id');
 */
export function assertObjectIdHex(value: string, what: string): void {
  if (!isObjectIdHex(value)) {
    throw new TypeError(`${what} must be a 24-hex ObjectId string, got ${JSON.stringify(value)}`);
  }
}
