import { CognitoError } from '../../cognito/errors.js';
import { clientById, usernameTaken } from '../../cognito/lookups.js';
import { newUser } from '../../cognito/new-user.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { attributesFromList } from '../../cognito/user-attributes.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `SignUp`: a new UNCONFIRMED user, in memory until POST /_mock/reset, and a
 * confirmation code (logged, and at `GET /_mock/pools/{pool}/users/{username}/codes`).
 * `email_verified` / `phone_number_verified` start as "false".
 */
export const signUp =
  ({ directory, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates'>): Handler =>
  async (body, context) => {
    const input = readInput(body, {
      ClientId: 'string',
      Username: 'string',
      Password: 'string',
      SecretHash: 'string?',
      UserAttributes: 'attributes?',
      ValidationData: 'attributes?',
      ClientMetadata: 'stringMap?',
    });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const attributes = attributesFromList(input.UserAttributes ?? []);
    checkPasswordPolicy(input.Password);
    if (usernameTaken(pool, input.Username)) throw new CognitoError('UsernameExistsException', 'User already exists');
    if (attributes.email && attributes.email_verified === undefined) attributes.email_verified = 'false';
    if (attributes.phone_number && attributes.phone_number_verified === undefined) attributes.phone_number_verified = 'false';
    const user = directory.addUser(pool, newUser({ pool: pool.id, username: input.Username, password: input.Password, status: 'UNCONFIRMED', attributes }));
    dates.created(user);
    context.log.info({ pool: pool.id, username: user.username, sub: user.sub }, 'Cognito sign-up');
    const delivery = sendCode(codes, user, 'SIGN_UP', context);
    return { UserConfirmed: false, UserSub: user.sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
  };
