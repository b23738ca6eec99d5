import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ConfirmSignUp`: the code from SignUp makes the user CONFIRMED and verifies
 * the attribute it was sent to. With PreventUserExistenceErrors, an unknown
 * user gets CodeMismatchException, like a wrong code.
 */
export const confirmSignUp =
  ({ directory, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', ConfirmationCode: 'string', SecretHash: 'string?', ForceAliasCreation: 'boolean?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user = directory.findUser(pool, input.Username);
    if (!user) throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    const used = codes.use(pool.id, user.username, 'SIGN_UP', input.ConfirmationCode);
    user.status = 'CONFIRMED';
    if (used.attributeName) user.attributes[`${used.attributeName}_verified`] = 'true';
    dates.modified(user);
    return {};
  };
