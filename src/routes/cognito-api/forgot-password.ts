import { userExistenceError } from '../../cognito/client-settings.js';
import { clientById } from '../../cognito/lookups.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';
import { migrateUser } from './user-migration.js';

/**
 * `ForgotPassword`: a password-reset code (valid 1 hour). With
 * PreventUserExistenceErrors ENABLED an unknown user gets the same kind of answer;
 * LEGACY clients get UserNotFoundException. A name the pool does not have goes to the
 * UserMigration trigger first (UserMigration_ForgotPassword): a user it returns is created
 * RESET_REQUIRED and gets the code.
 */
export const forgotPassword =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', SecretHash: 'string?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user =
      directory.findUser(pool, input.Username) ??
      (await migrateUser({ directory, dates, triggers }, { pool, client }, { source: 'UserMigration_ForgotPassword', username: input.Username, clientMetadata: input.ClientMetadata }, context));
    const unknown = user ? undefined : userExistenceError(client, 'Username/client id combination not found.');
    if (unknown) throw unknown;
    const prepared = user
      ? await prepareCode(triggers, { pool, user, purpose: 'FORGOT_PASSWORD', source: 'CustomMessage_ForgotPassword', clientId: client.id, clientMetadata: input.ClientMetadata }, context)
      : undefined;
    const delivery = user ? sendCode(codes, user, 'FORGOT_PASSWORD', context, undefined, prepared) : { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@e***' };
    return delivery ? { CodeDeliveryDetails: delivery } : {};
  };
