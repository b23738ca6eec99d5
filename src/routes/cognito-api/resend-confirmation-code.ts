import { signUpCodeTarget } from '../../cognito/auto-verify.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';

/** `ResendConfirmationCode`: a new sign-up code replaces the previous one. */
export const resendConfirmationCode =
  ({ directory, codes, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', SecretHash: 'string?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user = directory.findUser(pool, input.Username);
    if (!user) throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
    const only = signUpCodeTarget(pool, user);
    const prepared = await prepareCode(triggers, { pool, user, purpose: 'SIGN_UP', source: 'CustomMessage_ResendCode', only, clientId: client.id, clientMetadata: input.ClientMetadata }, context);
    const delivery = sendCode(codes, user, 'SIGN_UP', context, only, prepared);
    return delivery ? { CodeDeliveryDetails: delivery } : {};
  };
