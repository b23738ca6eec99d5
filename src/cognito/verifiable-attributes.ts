import type { UserRecord } from '../config/types.js';
import { CognitoError } from './errors.js';

/** The attributes a code can verify. */
export type VerifiableAttribute = 'email' | 'phone_number';

/**
 * The attribute name, if a code can verify it: InvalidParameterException in
 * Cognito's words for anything but `email` and `phone_number`.
 */
export function verifiableAttribute(name: string): VerifiableAttribute {
  if (name === 'email' || name === 'phone_number') return name;
  throw new CognitoError('InvalidParameterException', 'Invalid attribute name. Only phone_number and email can be verified.');
}

/** Refuses (InvalidParameterException) to send a code for an attribute the user has no value for. */
export function requireValue(user: UserRecord, name: VerifiableAttribute): void {
  if (!user.attributes[name]) {
    throw new CognitoError('InvalidParameterException', `User does not have a valid registered ${name === 'email' ? 'email' : 'phone number'}`);
  }
}
