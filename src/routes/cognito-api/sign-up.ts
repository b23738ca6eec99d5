import { signUpCodeTarget } from '../../cognito/auto-verify.js';
import { checkWritable } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { newUser } from '../../cognito/new-user.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { checkNewIdentity, newIdentity } from '../../cognito/sign-in-names.js';
import { attributesFromList, checkRequiredAttributes } from '../../cognito/user-attributes.js';
import { runPreSignUp } from '../../triggers/pre-sign-up.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';

/**
 * `SignUp`: a new UNCONFIRMED user, in memory until POST /_mock/reset, and a
 * confirmation code (logged, and at `GET /_mock/pools/{pool}/users/{username}/codes`)
 * sent to the attribute the pool auto-verifies. `email_verified` / `phone_number_verified`
 * start as "false". The pool's settings count: AllowAdminCreateUserOnly, the password
 * policy, the schema, UsernameAttributes / AliasAttributes. The pool's pre sign-up function runs
 * before the user is made (PreSignUp_SignUp) and may confirm it or verify its email / phone number.
 */
export const signUp =
  ({ directory, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'triggers'>): Handler =>
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
    // The pre sign-up function runs last, once the request is known to be good, and before anything changes.
    const decision = await runPreSignUp(triggers, {
      pool,
      source: 'PreSignUp_SignUp',
      userName: identity.username,
      clientId: client.id,
      awsSdkVersion: context.awsSdkVersion,
      userAttributes: { ...attributes },
      validationData: input.ValidationData,
      clientMetadata: input.ClientMetadata,
    });
    if (attributes.email && attributes.email_verified === undefined) attributes.email_verified = decision.autoVerifyEmail ? 'true' : 'false';
    if (attributes.phone_number && attributes.phone_number_verified === undefined) attributes.phone_number_verified = decision.autoVerifyPhone ? 'true' : 'false';
    if (decision.autoVerifyEmail) attributes.email_verified = 'true';
    if (decision.autoVerifyPhone) attributes.phone_number_verified = 'true';
    const status = decision.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED';
    const made = newUser({ pool: pool.id, username: identity.username, sub: identity.sub, password: input.Password, status, attributes });
    // The custom message function runs before the user is kept: when it fails, there is no user.
    const only = signUpCodeTarget(pool, made);
    const prepared = decision.autoConfirmUser
      ? undefined
      : await prepareCode(triggers, { pool, user: made, purpose: 'SIGN_UP', source: 'CustomMessage_SignUp', only, clientId: client.id, clientMetadata: input.ClientMetadata }, context);
    const user = directory.addUser(pool, made);
    dates.created(user);
    context.log.info({ pool: pool.id, username: user.username, sub: user.sub, status }, 'Cognito sign-up');
    // A user the pre sign-up function confirmed gets no confirmation code.
    if (decision.autoConfirmUser) return { UserConfirmed: true, UserSub: user.sub };
    const delivery = sendCode(codes, user, 'SIGN_UP', context, only, prepared);
    return { UserConfirmed: false, UserSub: user.sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
  };
