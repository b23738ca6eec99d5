import { CognitoError } from '../../cognito/errors.js';
import { existingUser, poolById } from '../../cognito/lookups.js';
import { newUser } from '../../cognito/new-user.js';
import { checkPasswordPolicy, generatePassword } from '../../cognito/password-policy.js';
import { checkNewIdentity, moveAliases, newIdentity } from '../../cognito/sign-in-names.js';
import { attributesFromList, userType } from '../../cognito/user-attributes.js';
import { runPreSignUp } from '../../triggers/pre-sign-up.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareInvitation, sendInvitation, type InvitationMedium } from './send-invitation.js';

/**
 * `AdminCreateUser`: a FORCE_CHANGE_PASSWORD user with `TemporaryPassword`, or a
 * generated one (logged at info level, and in GET /_mock/pools). The first
 * sign-in answers NEW_PASSWORD_REQUIRED. The invitation (unless `MessageAction: "SUPPRESS"`) goes to the
 * email and/or phone number `DesiredDeliveryMediums` name (default SMS): listed with the temporary password
 * as its code (purpose INVITATION) and its message (CustomMessage_AdminCreateUser, else the pool's
 * InviteMessageTemplate) by GET /_mock/pools/{pool}/users/{name}/codes. `MessageAction: "RESEND"` sends it
 * again to an existing FORCE_CHANGE_PASSWORD user, with the same password. Temporary passwords do not expire.
 * The pool's settings count: password policy (the generated password meets it too), schema,
 * UsernameAttributes / AliasAttributes with ForceAliasCreation. Required attributes may be left out,
 * as the AdminCreateUser API reference allows. The pool's pre sign-up function runs first
 * (PreSignUp_AdminCreateUser); its autoVerifyEmail / autoVerifyPhone mark the attributes verified.
 */
export const adminCreateUser =
  ({ directory, dates, triggers, codes }: Pick<CognitoApiDeps, 'directory' | 'dates' | 'triggers' | 'codes'>): Handler =>
  async (body, { log, awsSdkVersion }) => {
    const input = readInput(body, {
      UserPoolId: 'string',
      Username: 'string',
      UserAttributes: 'attributes?',
      ValidationData: 'attributes?',
      TemporaryPassword: 'string?',
      ForceAliasCreation: 'boolean?',
      MessageAction: 'string?',
      DesiredDeliveryMediums: 'stringList?',
      ClientMetadata: 'stringMap?',
    });
    const pool = poolById(directory, input.UserPoolId);
    if (input.MessageAction !== undefined && input.MessageAction !== 'RESEND' && input.MessageAction !== 'SUPPRESS') {
      throw new CognitoError(
        'InvalidParameterException',
        `1 validation error detected: Value '${input.MessageAction.slice(0, 60)}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`,
      );
    }
    const badMedium = input.DesiredDeliveryMediums?.find((m) => m !== 'EMAIL' && m !== 'SMS');
    if (badMedium !== undefined) {
      throw validationError([
        `Value '[${input.DesiredDeliveryMediums!.join(', ').slice(0, 60)}]' at 'desiredDeliveryMediums' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [SMS, EMAIL]]`,
      ]);
    }
    const mediums = input.DesiredDeliveryMediums as InvitationMedium[] | undefined;
    const sending = { awsSdkVersion };
    if (input.MessageAction === 'RESEND') {
      const user = existingUser(directory, pool, input.Username);
      if (user.status === 'FORCE_CHANGE_PASSWORD') {
        const invitation = await prepareInvitation(triggers, { pool, user, password: user.password, mediums, clientMetadata: input.ClientMetadata }, sending);
        if (invitation) sendInvitation(codes, user, invitation, { log });
      }
      return { User: userType(user, dates.of(user)) };
    }
    const identity = newIdentity(pool, input.Username, attributesFromList(input.UserAttributes ?? [], pool, 'create'));
    const moves = checkNewIdentity(directory, pool, identity, 'User account already exists', input.ForceAliasCreation ?? false);
    const policy = pool.settings.Policies.PasswordPolicy;
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(input.TemporaryPassword, policy);
    const password = input.TemporaryPassword ?? generatePassword(policy);
    // The pre sign-up function runs before anything changes (PreSignUp_AdminCreateUser, no app client). An
    // administrator's user always starts in FORCE_CHANGE_PASSWORD, so only its verification flags count.
    const decision = await runPreSignUp(triggers, {
      pool,
      source: 'PreSignUp_AdminCreateUser',
      userName: identity.username,
      awsSdkVersion,
      userAttributes: { ...identity.attributes },
      validationData: input.ValidationData,
      clientMetadata: input.ClientMetadata,
    });
    if (decision.autoVerifyEmail) identity.attributes.email_verified = 'true';
    if (decision.autoVerifyPhone) identity.attributes.phone_number_verified = 'true';
    const created = newUser({ pool: pool.id, username: identity.username, sub: identity.sub, password, status: 'FORCE_CHANGE_PASSWORD', attributes: identity.attributes });
    // The custom message function (CustomMessage_AdminCreateUser) runs before the user is kept: if it fails, no user.
    const invitation = input.MessageAction === 'SUPPRESS' ? null : await prepareInvitation(triggers, { pool, user: created, password, mediums, clientMetadata: input.ClientMetadata }, sending);
    moveAliases(directory, pool, moves);
    const user = directory.addUser(pool, created);
    dates.created(user);
    if (invitation) sendInvitation(codes, user, invitation, { log });
    log.info(
      { pool: pool.id, username: user.username, sub: user.sub, ...(input.TemporaryPassword ? {} : { temporaryPassword: password }) },
      input.TemporaryPassword ? 'Cognito user created' : `Cognito user created; temporary password: ${password}`,
    );
    return { User: userType(user, dates.of(user)) };
  };
