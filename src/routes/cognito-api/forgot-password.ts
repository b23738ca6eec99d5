import { userExistenceError } from '../../cognito/client-settings.js';
import { clientById } from '../../cognito/lookups.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `ForgotPassword`: a password-reset code (valid 1 hour). With
 * PreventUserExistenceErrors ENABLED an unknown user gets the same kind of answer;
 * LEGACY clients get UserNotFoundException.
 */
export const forgotPassword =
  ({ directory, codes }: Pick<CognitoApiDeps, 'directory' | 'codes'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', SecretHash: 'string?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user = directory.findUser(pool, input.Username);
    const unknown = user ? undefined : userExistenceError(client, 'Username/client id combination not found.');
    if (unknown) throw unknown;
    const delivery = user ? sendCode(codes, user, 'FORGOT_PASSWORD', context) : { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@e***' };
    return delivery ? { CodeDeliveryDetails: delivery } : {};
  };
