import { CognitoError } from '../../cognito/errors.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { runPostConfirmation } from '../../triggers/post-confirmation.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `AdminConfirmSignUp`: confirms an UNCONFIRMED user without a code, after the pool's post confirmation function. */
export const adminConfirmSignUp =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string', ClientMetadata: 'stringMap?' });
    const pool = poolById(directory, input.UserPoolId);
    const user = existingUser(directory, pool, input.Username);
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    // AdminConfirmSignUp runs the post confirmation function too, as PostConfirmation_ConfirmSignUp (API_AdminConfirmSignUp).
    await runPostConfirmation(triggers, {
      pool,
      source: 'PostConfirmation_ConfirmSignUp',
      user: { ...user, status: 'CONFIRMED' },
      awsSdkVersion: context.awsSdkVersion,
      clientMetadata: input.ClientMetadata,
    });
    user.status = 'CONFIRMED';
    codes.forget(pool.id, user.username);
    dates.modified(user);
    return {};
  };
