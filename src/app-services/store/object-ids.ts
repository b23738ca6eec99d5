/**
 * User and session ids are 24-hex ObjectId strings, in both stores. One
 * pattern decides what counts as one, so the memory store refuses and misses
 * exactly what the MongoDB store does.
 */
import { randomBytes } from 'node:crypto';

const objectIdHex = /^[0-9a-f]{24}$/;

/** True if `value` is a lowercase 24-hex ObjectId string, as the stores hand out. */
export function isObjectIdHex(value: string): boolean {
  return objectIdHex.test(value);
}

// An ObjectId's layout: 4 bytes of epoch seconds, 5 random bytes per process, a 3-byte counter
// from a random start. Made here rather than with the driver's ObjectId, so the memory store and
// the App Services login never load the MongoDB driver (it costs start-up time and memory).
const processUnique = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/** A new ObjectId as a 24-hex string. */
export function newObjectIdHex(): string {
  counter = (counter + 1) % 0x1000000;
  // eslint-disable-next-line no-restricted-properties -- wall time, as the driver's ObjectId in the Mongo store: ids keep growing when the mock clock moves back
  const seconds = Math.floor(Date.now() / 1000) % 0x100000000;
  return `${seconds.toString(16).padStart(8, '0')}${processUnique}${counter.toString(16).padStart(6, '0')}`;
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
