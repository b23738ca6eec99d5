import { deleteAttributes } from '../../cognito/delete-attributes.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { attributeNameProblems } from './attribute-names.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/** `AdminDeleteUserAttributes`: DeleteUserAttributes for a user named by the administrator. */
export const adminDeleteUserAttributes =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', UserAttributeNames: 'stringList' });
    refuse(attributeNameProblems('userAttributeNames', input.UserAttributeNames));
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    deleteAttributes(pool, user, input.UserAttributeNames);
    dates.modified(user);
    return {};
  };
