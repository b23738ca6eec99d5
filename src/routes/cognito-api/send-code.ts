import type { CodePurpose, ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import { deliveryFor, type CodeDeliveryDetails } from '../../cognito/user-attributes.js';
import type { UserRecord } from '../../config/types.js';
import type { OperationContext } from './operation.js';

/**
 * "Sends" a code the way Cognito would (to the email, else the phone): keeps it
 * for `GET /_mock/pools/{pool}/users/{username}/codes` and logs it at info
 * level. Returns Cognito's CodeDeliveryDetails, or null when the user has
 * neither attribute, or `only` is `'none'` (the code is still kept and logged, and verifies nothing).
 */
export function sendCode(codes: ConfirmationCodes, user: UserRecord, purpose: CodePurpose, { log }: OperationContext, only?: 'email' | 'phone_number' | 'none'): CodeDeliveryDetails | null {
  const delivery = only === 'none' ? null : deliveryFor(user.attributes, only);
  const attributeName = only === 'none' ? null : (delivery?.AttributeName ?? only ?? null);
  const issued = codes.issue(user.pool, user.username, purpose, {
    attributeName,
    deliveryMedium: delivery?.DeliveryMedium ?? null,
    destination: attributeName ? (user.attributes[attributeName] ?? null) : null,
  });
  log.info({ pool: user.pool, username: user.username, purpose, code: issued.code, to: issued.destination }, `Cognito ${purpose} code for ${user.username}: ${issued.code}`);
  return delivery;
}
