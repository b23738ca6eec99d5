import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/directory.js';
import { CognitoError } from './errors.js';

/**
 * DeleteUserAttributes / AdminDeleteUserAttributes: removes the named attributes, after
 * checking all of them (bad input changes nothing). A required attribute (`sub` among them)
 * is refused in Cognito's words; so is an immutable one. Removing `email` or `phone_number`
 * removes its `_verified` flag too: there is nothing left to be verified. Names the user has
 * no value for, and names outside the pool's schema, are no-ops.
 */
export function deleteAttributes(pool: Pool, user: UserRecord, names: readonly string[]): void {
  for (const name of names) {
    const schema = pool.settings.SchemaAttributes.find((a) => a.Name === name);
    if (schema?.Required) throw new CognitoError('InvalidParameterException', `Invalid user attributes: ${name}: Required attribute cannot be deleted.`);
    if (schema && !schema.Mutable) throw new CognitoError('InvalidParameterException', `Cannot modify an immutable attribute: ${name}`);
  }
  for (const name of names) {
    delete user.attributes[name];
    if (name === 'email' || name === 'phone_number') delete user.attributes[`${name}_verified`];
  }
}
