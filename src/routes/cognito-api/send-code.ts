import { newCode, type CodePurpose, type ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import { deliveryFor, type CodeDeliveryDetails } from '../../cognito/user-attributes.js';
import type { UserRecord } from '../../config/types.js';
import type { Pool } from '../../directory/directory.js';
import { customMessageInitialResponse, customMessageRequest, readCustomMessage, type CustomMessage, type CustomMessageSource } from '../../triggers/custom-message.js';
import type { Triggers } from '../../triggers/triggers.js';
import type { OperationContext } from './operation.js';

/**
 * "Sends" a code the way Cognito would (to the email, else the phone): keeps it
 * for `GET /_mock/pools/{pool}/users/{username}/codes` and logs it at info
 * level. Returns Cognito's CodeDeliveryDetails, or null when the user has
 * neither attribute, or `only` is `'none'` (the code is still kept and logged, and verifies nothing).
 * `prepared`: the code and message {@link prepareCode} made with the pool's custom message function.
 */
export function sendCode(
  codes: ConfirmationCodes,
  user: UserRecord,
  purpose: CodePurpose,
  { log }: Pick<OperationContext, 'log'>,
  only?: 'email' | 'phone_number' | 'none',
  prepared?: PreparedCode,
): CodeDeliveryDetails | null {
  const delivery = only === 'none' ? null : deliveryFor(user.attributes, only);
  const attributeName = only === 'none' ? null : (delivery?.AttributeName ?? only ?? null);
  const issued = codes.issue(
    user.pool,
    user.username,
    purpose,
    {
      attributeName,
      deliveryMedium: delivery?.DeliveryMedium ?? null,
      destination: attributeName ? (user.attributes[attributeName] ?? null) : null,
    },
    prepared,
  );
  log.info({ pool: user.pool, username: user.username, purpose, code: issued.code, to: issued.destination }, `Cognito ${purpose} code for ${user.username}: ${issued.code}`);
  return delivery;
}

/** A code made before it is sent, and the message the pool's custom message function made for it. */
export interface PreparedCode {
  code: string;
  message: CustomMessage;
}

/**
 * Runs the pool's custom message function for a code about to be sent ({@link sendCode} with the result):
 * undefined when the pool has none. Called before anything changes, so a failing function (its error
 * relayed as Cognito relays it) leaves no code and no other state behind.
 *
 * @example
 * const prepared = await prepareCode(triggers, { pool, user, purpose: 'FORGOT_PASSWORD', source: 'CustomMessage_ForgotPassword', clientId }, context);
 * const delivery = sendCode(codes, user, 'FORGOT_PASSWORD', context, undefined, prepared);
 */
export async function prepareCode(
  triggers: Triggers,
  sending: {
    pool: Pool;
    user: UserRecord;
    purpose: CodePurpose;
    source: CustomMessageSource;
    only?: 'email' | 'phone_number' | 'none' | undefined;
    clientId?: string | null | undefined;
    clientMetadata?: Record<string, string> | undefined;
  },
  { awsSdkVersion }: Partial<Pick<OperationContext, 'awsSdkVersion'>>,
): Promise<PreparedCode | undefined> {
  const { pool, user, purpose, source, only } = sending;
  if (!triggers.functionOf(pool, 'CustomMessage')) return undefined;
  const code = newCode(purpose);
  const deliveryMedium = only === 'none' ? null : (deliveryFor(user.attributes, only)?.DeliveryMedium ?? null);
  let message: CustomMessage | undefined;
  await triggers.run({
    pool,
    trigger: 'CustomMessage',
    triggerSource: source,
    userName: user.username,
    clientId: sending.clientId,
    awsSdkVersion,
    request: customMessageRequest(source, user, sending.clientMetadata),
    response: { ...customMessageInitialResponse },
    check: (response) => {
      message = readCustomMessage(source, response, { code, username: user.username, deliveryMedium });
    },
  });
  return { code, message: message! };
}
