import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import type { UserRecord } from '../../config/types.js';
import type { Pool } from '../../directory/directory.js';
import { codeParameter, customMessageInitialResponse, customMessageRequest, readCustomMessage, usernameParameter, type CustomMessage } from '../../triggers/custom-message.js';
import type { Triggers } from '../../triggers/triggers.js';
import type { OperationContext } from './operation.js';

/** Where AdminCreateUser's `DesiredDeliveryMediums` send the invitation. */
export type InvitationMedium = 'EMAIL' | 'SMS';

/** The invitation AdminCreateUser is about to send: to whom, and the message with the temporary password in it. */
export interface PreparedInvitation {
  password: string;
  to: Array<{ attributeName: 'email' | 'phone_number'; deliveryMedium: InvitationMedium; destination: string }>;
  message: CustomMessage;
}

/**
 * Cognito's invitation when the pool sets no `InviteMessageTemplate` member (mock-idp's reading of the
 * console's default message template; the API reference's AdminCreateUserConfigType names no default).
 */
const defaultInvitation = {
  EmailSubject: 'Your temporary password',
  EmailMessage: `Your username is ${usernameParameter} and temporary password is ${codeParameter}.`,
  SMSMessage: `Your username is ${usernameParameter} and temporary password is ${codeParameter}.`,
};

/**
 * Makes AdminCreateUser's invitation for `user` (not yet in the directory) before anything changes: to the
 * email and/or phone number `mediums` name (default SMS, as the API reference says) that the user has; none
 * → null (nothing is sent). The pool's custom message function makes the message (CustomMessage_AdminCreateUser,
 * with `usernameParameter` `{username}` and `codeParameter` `{####}`,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html); a failing
 * function throws the runner's CognitoError. Without one, `AdminCreateUserConfig.InviteMessageTemplate` does.
 */
export async function prepareInvitation(
  triggers: Triggers,
  sending: { pool: Pool; user: UserRecord; password: string; mediums: readonly InvitationMedium[] | undefined; clientMetadata?: Record<string, string> | undefined },
  { awsSdkVersion }: Pick<OperationContext, 'awsSdkVersion'>,
): Promise<PreparedInvitation | null> {
  const { pool, user, password } = sending;
  const mediums = sending.mediums ?? ['SMS'];
  const to: PreparedInvitation['to'] = [];
  for (const medium of ['EMAIL', 'SMS'] as const) {
    const attributeName = medium === 'EMAIL' ? 'email' : 'phone_number';
    const destination = user.attributes[attributeName];
    if (mediums.includes(medium) && destination) to.push({ attributeName, deliveryMedium: medium, destination });
  }
  if (to.length === 0) return null;
  const fill = (text: string | undefined): string | null => (text === undefined ? null : text.split(codeParameter).join(password).split(usernameParameter).join(user.username));
  let message: CustomMessage | undefined;
  if (triggers.functionOf(pool, 'CustomMessage')) {
    await triggers.run({
      pool,
      trigger: 'CustomMessage',
      triggerSource: 'CustomMessage_AdminCreateUser',
      userName: user.username,
      awsSdkVersion,
      request: customMessageRequest('CustomMessage_AdminCreateUser', user, sending.clientMetadata),
      response: { ...customMessageInitialResponse },
      check: (response) => {
        message = readCustomMessage('CustomMessage_AdminCreateUser', response, { code: password, username: user.username, deliveryMedium: to.length === 1 ? to[0]!.deliveryMedium : null });
      },
    });
  }
  if (!message) {
    const template = { ...defaultInvitation, ...pool.settings.AdminCreateUserConfig.InviteMessageTemplate };
    message = {
      triggerSource: 'CustomMessage_AdminCreateUser',
      emailSubject: template.EmailSubject ?? null,
      emailMessage: fill(template.EmailMessage),
      smsMessage: fill(template.SMSMessage),
      template: 'InviteMessageTemplate',
    };
  }
  return { password, to, message };
}

/**
 * "Sends" a prepared invitation: listed (purpose INVITATION, the temporary password as its code, the message
 * beside it) by `GET /_mock/pools/{pool}/users/{username}/codes`, once per email or phone number, and logged.
 */
export function sendInvitation(codes: ConfirmationCodes, user: UserRecord, invitation: PreparedInvitation, { log }: Pick<OperationContext, 'log'>): void {
  for (const to of invitation.to) {
    codes.issue(user.pool, user.username, 'INVITATION', to, { code: invitation.password, message: invitation.message });
    log.info({ pool: user.pool, username: user.username, purpose: 'INVITATION', to: to.destination }, `Cognito invitation for ${user.username} sent to ${to.destination}`);
  }
}
