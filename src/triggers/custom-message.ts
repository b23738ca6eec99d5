import type { UserRecord } from '../config/types.js';
import { invalidLambdaResponse } from './trigger-errors.js';
import { triggerUserAttributes } from './trigger-user-attributes.js';

/**
 * Why Cognito sends a message, as the custom message event's `triggerSource` says
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html).
 */
export type CustomMessageSource =
  | 'CustomMessage_SignUp'
  | 'CustomMessage_AdminCreateUser'
  | 'CustomMessage_ResendCode'
  | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute'
  | 'CustomMessage_VerifyUserAttribute'
  | 'CustomMessage_Authentication';

/** The placeholders Cognito gives the function, and replaces in the message it returns. */
export const codeParameter = '{####}';
export const usernameParameter = '{username}';
export const linkParameter = '{##Click Here##}';

/**
 * A message as a custom message function made it, with the code (and for AdminCreateUser the user name)
 * put in its placeholders: what the user would receive. Shown beside the code at
 * `GET /_mock/pools/{pool}/users/{username}/codes`.
 */
export interface CustomMessage {
  triggerSource: CustomMessageSource;
  emailSubject: string | null;
  emailMessage: string | null;
  smsMessage: string | null;
  /**
   * Set when Cognito would send its default message instead of the function's: the message for the
   * code's delivery medium lacks the code placeholder (or, for AdminCreateUser, the user name placeholder).
   * That message is then null here.
   */
  ignored?: string;
  /**
   * Set when no custom message function made the message: AdminCreateUser's invitation made from the pool's
   * `AdminCreateUserConfig.InviteMessageTemplate` (or Cognito's default invitation when the pool has none).
   */
  template?: 'InviteMessageTemplate';
}

/** The `request` of a custom message event. */
export function customMessageRequest(source: CustomMessageSource, user: UserRecord, clientMetadata?: Record<string, string>): Record<string, unknown> {
  return {
    userAttributes: triggerUserAttributes(user),
    codeParameter,
    linkParameter,
    usernameParameter: source === 'CustomMessage_AdminCreateUser' ? usernameParameter : null,
    ...(clientMetadata ? { clientMetadata: { ...clientMetadata } } : {}),
  };
}

/** The `response` Cognito sends the function: no message of its own yet. */
export const customMessageInitialResponse = { smsMessage: null, emailMessage: null, emailSubject: null };

/**
 * Reads the function's `response`: members that are not strings (or null) throw {@link invalidLambdaResponse}.
 * A message for the delivery medium without the placeholders Cognito needs is not used (Cognito sends its
 * default message then; the developer guide: the message must include the `codeParameter` value, and for
 * AdminCreateUser also the `usernameParameter` value). The placeholders are replaced by `code` and `username`.
 */
export function readCustomMessage(source: CustomMessageSource, response: Record<string, unknown>, sent: { code: string; username: string; deliveryMedium: 'EMAIL' | 'SMS' | null }): CustomMessage {
  const r = response;
  const read = (name: 'emailSubject' | 'emailMessage' | 'smsMessage'): string | null => {
    const value = r[name];
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw invalidLambdaResponse(`${name} is not a string`);
    return value;
  };
  const message: CustomMessage = { triggerSource: source, emailSubject: read('emailSubject'), emailMessage: read('emailMessage'), smsMessage: read('smsMessage') };
  const needed = source === 'CustomMessage_AdminCreateUser' ? [codeParameter, usernameParameter] : [codeParameter];
  const checked = sent.deliveryMedium === 'SMS' ? (['smsMessage'] as const) : sent.deliveryMedium === 'EMAIL' ? (['emailMessage'] as const) : (['emailMessage', 'smsMessage'] as const);
  for (const name of checked) {
    const text = message[name];
    const missing = text === null ? undefined : needed.find((p) => !text.includes(p));
    if (missing !== undefined) {
      message[name] = null;
      message.ignored = `${name} does not contain ${missing}: Cognito sends its default message instead`;
    }
  }
  for (const name of ['emailMessage', 'smsMessage'] as const) {
    const text = message[name];
    if (text !== null) message[name] = text.split(codeParameter).join(sent.code).split(usernameParameter).join(sent.username);
  }
  return message;
}
