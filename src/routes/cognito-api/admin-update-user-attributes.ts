import { existingUser, poolById } from '../../cognito/lookups.js';
import { attributesFromList } from '../../cognito/user-attributes.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { applyAttributes, prepareAttributeCodes } from './update-user-attributes.js';

/** `AdminUpdateUserAttributes`: UpdateUserAttributes for a user named by the administrator. */
export const adminUpdateUserAttributes =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', UserAttributes: 'attributes', ClientMetadata: 'stringMap?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    const attributes = attributesFromList(input.UserAttributes, pool, 'update');
    const prepared = await prepareAttributeCodes({ directory, triggers }, { pool, user, attributes, clientMetadata: input.ClientMetadata }, context);
    applyAttributes(directory, pool, user, attributes, codes, context, prepared);
    dates.modified(user);
    return {};
  };
