import { deleteAttributes } from '../../cognito/delete-attributes.js';
import { userOfAccessToken } from './access-token.js';
import { attributeNameProblems } from './attribute-names.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refuse } from './query-limit.js';

/**
 * `DeleteUserAttributes` (Amplify's `deleteUserAttributes`): the access token's user loses the
 * named attributes; required and immutable ones (`sub`) are refused.
 */
export const deleteUserAttributes =
  ({ signIns, dates }: Pick<CognitoApiDeps, 'signIns' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', UserAttributeNames: 'stringList' });
    refuse(attributeNameProblems('userAttributeNames', input.UserAttributeNames));
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    deleteAttributes(pool, user, input.UserAttributeNames);
    dates.modified(user);
    return {};
  };
