import { checkWritable, clientOfToken } from '../../cognito/client-settings.js';
import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import { checkAttributeChanges } from '../../cognito/sign-in-names.js';
import { attributesFromList, type CodeDeliveryDetails } from '../../cognito/user-attributes.js';
import type { UserRecord } from '../../config/types.js';
import type { Directory, Pool } from '../../directory/directory.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import { prepareCode, sendCode, type PreparedCode } from './send-code.js';
import type { Triggers } from '../../triggers/triggers.js';

/**
 * `UpdateUserAttributes`: sets the attributes, as the pool's schema allows (immutable ones are
 * refused). A changed `email` or `phone_number` becomes unverified and gets a code
 * (VerifyUserAttribute), listed in `CodeDeliveryDetailsList`. A sign-in name another user
 * answers to is refused (AliasExistsException).
 */
export const updateUserAttributes =
  ({ directory, signIns, codes, dates, triggers }: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'codes' | 'dates' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { AccessToken: 'string', UserAttributes: 'attributes', ClientMetadata: 'stringMap?' });
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    const attributes = attributesFromList(input.UserAttributes, pool, 'update');
    const client = clientOfToken(pool, claims);
    checkWritable(client, Object.keys(attributes));
    const prepared = await prepareAttributeCodes({ directory, triggers }, { pool, user, attributes, clientId: client?.id, clientMetadata: input.ClientMetadata }, context);
    const deliveries = applyAttributes(directory, pool, user, attributes, codes, context, prepared);
    dates.modified(user);
    return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
  };

/**
 * Sets attributes (through the directory, which keeps its lookups in step), once
 * {@link checkAttributeChanges} lets them; changed email / phone_number become unverified and get
 * a verification code.
 */
export function applyAttributes(
  directory: Directory,
  pool: Pool,
  user: UserRecord,
  attributes: Record<string, string>,
  codes: ConfirmationCodes,
  context: OperationContext,
  prepared: Partial<Record<'email' | 'phone_number', PreparedCode>> = {},
): CodeDeliveryDetails[] {
  checkAttributeChanges(directory, pool, user, attributes);
  const deliveries: CodeDeliveryDetails[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const changed = user.attributes[name] !== value;
    directory.setAttributes(pool, user, { [name]: value });
    if ((name === 'email' || name === 'phone_number') && changed && attributes[`${name}_verified`] === undefined) {
      directory.setAttributes(pool, user, { [`${name}_verified`]: 'false' });
      const delivery = sendCode(codes, user, 'VERIFY_ATTRIBUTE', context, name, prepared[name]);
      if (delivery) deliveries.push(delivery);
    }
  }
  return deliveries;
}

/** The attributes whose change sends a verification code: a changed email or phone_number whose `*_verified` is not set with it. */
function codesToSend(user: UserRecord, attributes: Record<string, string>): Array<'email' | 'phone_number'> {
  return (['email', 'phone_number'] as const).filter((name) => attributes[name] !== undefined && user.attributes[name] !== attributes[name] && attributes[`${name}_verified`] === undefined);
}

/**
 * Runs the pool's custom message function (CustomMessage_UpdateUserAttribute) for each code a change of
 * attributes will send, before anything changes: the function sees the attributes as they will be.
 */
export async function prepareAttributeCodes(
  { directory, triggers }: { directory: Directory; triggers: Triggers },
  change: { pool: Pool; user: UserRecord; attributes: Record<string, string>; clientId?: string | undefined; clientMetadata?: Record<string, string> | undefined },
  context: OperationContext,
): Promise<Partial<Record<'email' | 'phone_number', PreparedCode>>> {
  const { pool, user, attributes } = change;
  const names = codesToSend(user, attributes);
  if (!names.length) return {};
  checkAttributeChanges(directory, pool, user, attributes);
  const prepared: Partial<Record<'email' | 'phone_number', PreparedCode>> = {};
  for (const name of names) {
    const after: UserRecord = { ...user, attributes: { ...user.attributes, ...attributes, [`${name}_verified`]: 'false' } };
    const code = await prepareCode(
      triggers,
      { pool, user: after, purpose: 'VERIFY_ATTRIBUTE', source: 'CustomMessage_UpdateUserAttribute', only: name, clientId: change.clientId, clientMetadata: change.clientMetadata },
      context,
    );
    if (code) prepared[name] = code;
  }
  return prepared;
}
