import type { UserRecord } from '../config/types.js';
import { CognitoError } from './errors.js';

/** Cognito's `AttributeType`. Values are strings, `email_verified` too. */
export interface AttributeType {
  Name: string;
  Value?: string;
}

/** Cognito's `UserType` (AdminCreateUser, ListUsers). Dates are epoch seconds, sent as JSON numbers. */
export interface UserType {
  Username: string;
  Attributes: AttributeType[];
  UserCreateDate: number;
  UserLastModifiedDate: number;
  Enabled: boolean;
  UserStatus: UserRecord['status'];
}

/** Cognito's `CodeDeliveryDetailsType`. */
export interface CodeDeliveryDetails {
  AttributeName: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  Destination: string;
}

/** The standard attributes of every pool; `custom:*` attributes are accepted whatever their name. */
const standard = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);

/** The user's attributes as Cognito lists them: `sub` first; only `names` when given. */
export function attributeList(user: UserRecord, names?: readonly string[]): AttributeType[] {
  const all = [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).filter(([n]) => n !== 'sub').map(([Name, Value]) => ({ Name, Value }))];
  return names ? all.filter((a) => names.includes(a.Name)) : all;
}

/**
 * An attribute list from a request as a record, refusing what Cognito refuses
 * (InvalidParameterException): attributes outside the schema and `sub`.
 */
export function attributesFromList(list: readonly AttributeType[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of list) {
    if (Name === 'sub') throw new CognitoError('InvalidParameterException', 'Cannot modify an immutable attribute: sub');
    if (!standard.has(Name) && !/^custom:[\w.-]{1,20}$/.test(Name)) {
      throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${Name}: Attribute does not exist in the schema.`);
    }
    if ((Value ?? '').length > 2048) throw new CognitoError('InvalidParameterException', `Attribute value for ${Name} must not be longer than 2048 characters`);
    out[Name] = Value ?? '';
  }
  return out;
}

/** `UserType` of a user, with its dates. */
export function userType(user: UserRecord, dates: { created: number; modified: number }, names?: readonly string[]): UserType {
  return {
    Username: user.username,
    Attributes: attributeList(user, names),
    UserCreateDate: dates.created,
    UserLastModifiedDate: dates.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** Where Cognito would send a code for this user: the email if there is one, else the phone; null when neither. */
export function deliveryFor(attributes: Record<string, string>, only?: 'email' | 'phone_number'): CodeDeliveryDetails | null {
  const email = attributes.email;
  const phone = attributes.phone_number;
  if (email && only !== 'phone_number') return { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: maskEmail(email) };
  if (phone && only !== 'email') return { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: `+*******${phone.slice(-4)}` };
  return null;
}

/** `charlie@gmail.com` → `c***@g***`, as Cognito shows destinations. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}
