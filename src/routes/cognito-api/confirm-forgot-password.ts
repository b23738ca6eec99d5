import { userExistenceError } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { runPostConfirmation } from '../../triggers/post-confirmation.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ConfirmForgotPassword`: the ForgotPassword code sets a new password; the user is CONFIRMED. The pool's
 * post confirmation function runs (PostConfirmation_ConfirmForgotPassword) once the code and password are
 * known to be good, before anything changes.
 */
export const confirmForgotPassword =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', ConfirmationCode: 'string', Password: 'string', SecretHash: 'string?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user = directory.findUser(pool, input.Username);
    if (!user) throw userExistenceError(client, 'Username/client id combination not found.') ?? new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    checkPasswordPolicy(input.Password, pool.settings.Policies.PasswordPolicy);
    codes.check(pool.id, user.username, 'FORGOT_PASSWORD', input.ConfirmationCode);
    await runPostConfirmation(triggers, {
      pool,
      source: 'PostConfirmation_ConfirmForgotPassword',
      user: { ...user, status: 'CONFIRMED' },
      clientId: client.id,
      awsSdkVersion: context.awsSdkVersion,
      clientMetadata: input.ClientMetadata,
    });
    codes.use(pool.id, user.username, 'FORGOT_PASSWORD', input.ConfirmationCode);
    user.password = input.Password;
    user.status = 'CONFIRMED';
    dates.modified(user);
    return {};
  };
