import { existingUser, poolById } from '../../cognito/lookups.js';
import { attributesFromList } from '../../cognito/user-attributes.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { applyAttributes } from './update-user-attributes.js';

/** `AdminUpdateUserAttributes`: UpdateUserAttributes for a user named by the administrator. */
export const adminUpdateUserAttributes =
  ({ directory, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', UserAttributes: 'attributes', ClientMetadata: 'stringMap?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    applyAttributes(directory, pool, user, attributesFromList(input.UserAttributes, pool, 'update'), codes, context);
    dates.modified(user);
    return {};
  };
