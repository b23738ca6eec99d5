import { signUpCodeTarget } from '../../cognito/auto-verify.js';
import { checkWritable } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { newUser } from '../../cognito/new-user.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { checkNewIdentity, newIdentity } from '../../cognito/sign-in-names.js';
import { attributesFromList, checkRequiredAttributes } from '../../cognito/user-attributes.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `SignUp`: a new UNCONFIRMED user, in memory until POST /_mock/reset, and a
 * confirmation code (logged, and at `GET /_mock/pools/{pool}/users/{username}/codes`)
 * sent to the attribute the pool auto-verifies. `email_verified` / `phone_number_verified`
 * start as "false". The pool's settings count: AllowAdminCreateUserOnly, the password
 * policy, the schema, UsernameAttributes / AliasAttributes.
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
    if (pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
    checkSecretHash(client, [input.Username], input.SecretHash);
    checkWritable(
      client,
      (input.UserAttributes ?? []).map((a) => a.Name),
    );
    const identity = newIdentity(pool, input.Username, attributesFromList(input.UserAttributes ?? [], pool, 'create'));
    checkRequiredAttributes(pool, identity.attributes);
    checkPasswordPolicy(input.Password, pool.settings.Policies.PasswordPolicy);
    checkNewIdentity(directory, pool, identity, 'User already exists', false);
    const { attributes } = identity;
    if (attributes.email && attributes.email_verified === undefined) attributes.email_verified = 'false';
    if (attributes.phone_number && attributes.phone_number_verified === undefined) attributes.phone_number_verified = 'false';
    const user = directory.addUser(pool, newUser({ pool: pool.id, username: identity.username, sub: identity.sub, password: input.Password, status: 'UNCONFIRMED', attributes }));
    dates.created(user);
    context.log.info({ pool: pool.id, username: user.username, sub: user.sub }, 'Cognito sign-up');
    const delivery = sendCode(codes, user, 'SIGN_UP', context, signUpCodeTarget(pool, user));
    return { UserConfirmed: false, UserSub: user.sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
  };
