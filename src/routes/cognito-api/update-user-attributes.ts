import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import { attributesFromList, type CodeDeliveryDetails } from '../../cognito/user-attributes.js';
import type { UserRecord } from '../../config/types.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `UpdateUserAttributes`: sets the attributes. A changed `email` or
 * `phone_number` becomes unverified and gets a code (VerifyUserAttribute),
 * listed in `CodeDeliveryDetailsList`.
 */
export const updateUserAttributes =
  ({ signIns, codes, dates }: Pick<CognitoApiDeps, 'signIns' | 'codes' | 'dates'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { AccessToken: 'string', UserAttributes: 'attributes', ClientMetadata: 'stringMap?' });
    const { user } = await userOfAccessToken(signIns, input.AccessToken);
    const deliveries = applyAttributes(user, attributesFromList(input.UserAttributes), codes, context);
    dates.modified(user);
    return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
  };

/** Sets attributes; changed email / phone_number become unverified and get a verification code. */
export function applyAttributes(user: UserRecord, attributes: Record<string, string>, codes: ConfirmationCodes, context: OperationContext): CodeDeliveryDetails[] {
  const deliveries: CodeDeliveryDetails[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const changed = user.attributes[name] !== value;
    user.attributes[name] = value;
    if ((name === 'email' || name === 'phone_number') && changed && attributes[`${name}_verified`] === undefined) {
      user.attributes[`${name}_verified`] = 'false';
      const delivery = sendCode(codes, user, 'VERIFY_ATTRIBUTE', context, name);
      if (delivery) deliveries.push(delivery);
    }
  }
  return deliveries;
}
