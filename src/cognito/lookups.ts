import type { UserRecord } from '../config/types.js';
import type { Client, Directory, Pool } from '../directory/directory.js';
import { CognitoError } from './errors.js';

/** The app client and its pool: ResourceNotFoundException in Cognito's words when there is none. */
export function clientById(directory: Directory, clientId: string): { pool: Pool; client: Client } {
  const found = directory.findClient(clientId);
  if (!found) throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  return found;
}

export function poolById(directory: Directory, poolId: string): Pool {
  const pool = directory.pools().find((p) => p.id === poolId);
  if (!pool) throw new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  return pool;
}

/** A client of this pool (Admin* calls name both). */
export function clientOfPool(directory: Directory, poolId: string, clientId: string): { pool: Pool; client: Client } {
  const pool = poolById(directory, poolId);
  const client = pool.clients.find((c) => c.id === clientId);
  if (!client) throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  return { pool, client };
}

/** The user, for APIs that may say so (Admin*): UserNotFoundException `User does not exist.` otherwise. */
export function existingUser(directory: Directory, pool: Pool, username: string): UserRecord {
  const user = directory.findUser(pool, username);
  if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
  return user;
}
