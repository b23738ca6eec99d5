import type { UserRecord } from '../config/types.js';
import { pooledRandomBytes } from '../runtime/random-bytes.js';

/** Cognito's newer `sub` form: 8-4-4-4-12 lowercase hex, version nibble 7, arbitrary variant bits (as the fixtures). */
export function cognitoSub(): string {
  const hex = pooledRandomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A user record made at run time (SignUp, AdminCreateUser): enabled, no groups, a new sub unless one is given. */
export function newUser(fields: Pick<UserRecord, 'pool' | 'username' | 'password' | 'status' | 'attributes'> & { sub?: string }): UserRecord {
  return { ...fields, sub: fields.sub ?? cognitoSub(), enabled: true, groups: [] };
}
