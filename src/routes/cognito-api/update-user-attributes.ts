import { checkWritable, clientOfToken } from '../../cognito/client-settings.js';
import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import { checkAttributeChanges } from '../../cognito/sign-in-names.js';
import { attributesFromList, type CodeDeliveryDetails } from '../../cognito/user-attributes.js';
import type { UserRecord } from '../../config/types.js';
import type { Directory, Pool } from '../../directory/directory.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import { sendCode } from './send-code.js';

/**
 * `UpdateUserAttributes`: sets the attributes, as the pool's schema allows (immutable ones are
 * refused). A changed `email` or `phone_number` becomes unverified and gets a code
 * (VerifyUserAttribute), listed in `CodeDeliveryDetailsList`. A sign-in name another user
 * answers to is refused (AliasExistsException).
 */
export const updateUserAttributes =
  ({ directory, signIns, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'codes' | 'dates'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { AccessToken: 'string', UserAttributes: 'attributes', ClientMetadata: 'stringMap?' });
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    const attributes = attributesFromList(input.UserAttributes, pool, 'update');
    checkWritable(clientOfToken(pool, claims), Object.keys(attributes));
    const deliveries = applyAttributes(directory, pool, user, attributes, codes, context);
    dates.modified(user);
    return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
  };

/**
 * Sets attributes (through the directory, which keeps its lookups in step), once
 * {@link checkAttributeChanges} lets them; changed email / phone_number become unverified and get
 * a verification code.
 */
export function applyAttributes(directory: Directory, pool: Pool, user: UserRecord, attributes: Record<string, string>, codes: ConfirmationCodes, context: OperationContext): CodeDeliveryDetails[] {
  checkAttributeChanges(directory, pool, user, attributes);
  const deliveries: CodeDeliveryDetails[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const changed = user.attributes[name] !== value;
    directory.setAttributes(pool, user, { [name]: value });
    if ((name === 'email' || name === 'phone_number') && changed && attributes[`${name}_verified`] === undefined) {
      directory.setAttributes(pool, user, { [`${name}_verified`]: 'false' });
      const delivery = sendCode(codes, user, 'VERIFY_ATTRIBUTE', context, name);
      if (delivery) deliveries.push(delivery);
    }
  }
  return deliveries;
}
