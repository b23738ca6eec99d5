import type { Pool } from '../../directory/pool.js';
import type { CognitoApiDeps } from './operation.js';

/**
 * Removes a user from its pool with what the server keeps per user: its codes and its SRP salt and verifier
 * (`AdminDeleteUser`, `DeleteUser`). A user made again under the name starts with none of them.
 */
export function removeUser({ directory, codes, srp }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'srp'>, pool: Pool, username: string): void {
  directory.removeUser(pool, username);
  codes.forget(pool.id, username);
  srp.forget(pool.id, username);
}
