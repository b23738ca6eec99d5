import { CognitoError } from '../../cognito/errors.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminConfirmSignUp`: confirms an UNCONFIRMED user without a code. */
export const adminConfirmSignUp =
  ({ directory, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ClientMetadata: 'stringMap?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    user.status = 'CONFIRMED';
    codes.forget(pool.id, user.username);
    dates.modified(user);
    return {};
  };
