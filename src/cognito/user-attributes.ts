import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/directory.js';
import { standardSchema, type SchemaAttribute } from '../directory/pool.js';
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

/** The standard attributes of every pool (their schema entries are in `standardSchema()`). */
const standard = new Set(standardSchema().map((a) => a.Name));

/** The user's attributes as Cognito lists them: `sub` first; only `names` when given. */
export function attributeList(user: UserRecord, names?: readonly string[]): AttributeType[] {
  const all = [
    { Name: 'sub', Value: user.sub },
    ...Object.entries(user.attributes)
      .filter(([n]) => n !== 'sub')
      .map(([Name, Value]) => ({ Name, Value })),
  ];
  return names ? all.filter((a) => names.includes(a.Name)) : all;
}

/** Whether the attributes are those of a new user (SignUp, AdminCreateUser) or changes to an existing one. */
export type AttributeWrite = 'create' | 'update';

/**
 * An attribute list from a request as a record, checked against the pool's schema
 * (`SchemaAttributes`) as Cognito checks it, with InvalidParameterException:
 * - a name outside the schema: `Attributes did not conform to the schema: <name>: Attribute does not
 *   exist in the schema.`; configured pools (no schema of their own) accept any `custom:*` name, as
 *   before, since their users file may give users any custom attribute;
 * - `sub`, and (updates) an attribute the schema makes immutable: `Cannot modify an immutable attribute: <name>`;
 * - a String value outside its MinLength / MaxLength, a Number value that is not a number or is
 *   outside MinValue / MaxValue (mock-idp's wording: Cognito does not document these messages).
 * Required attributes are checked by {@link checkRequiredAttributes} once the request's attributes are complete.
 */
export function attributesFromList(list: readonly AttributeType[], pool: Pool, write: AttributeWrite): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of list) {
    const value = Value ?? '';
    if (Name === 'sub') throw new CognitoError('InvalidParameterException', 'Cannot modify an immutable attribute: sub');
    const schema = schemaAttribute(pool, Name);
    if (schema === undefined) {
      throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${Name}: Attribute does not exist in the schema.`);
    }
    if (write === 'update' && schema && !schema.Mutable) throw new CognitoError('InvalidParameterException', `Cannot modify an immutable attribute: ${Name}`);
    checkValue(Name, value, schema);
    out[Name] = value;
  }
  return out;
}

/**
 * SignUp: every attribute the schema makes Required must have a value, else InvalidParameterException
 * in Cognito's words, one line per attribute (`Attributes did not conform to the schema: email: The
 * attribute is required`). AdminCreateUser does not check this: the AdminCreateUser API reference lets
 * an administrator leave required attributes for the user to give at the first sign-in.
 */
export function checkRequiredAttributes(pool: Pool, attributes: Record<string, string>): void {
  const missing = missingRequiredAttributes(pool, attributes);
  if (missing.length) {
    throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${missing.map((n) => `${n}: The attribute is required`).join('\n')}`);
  }
}

/** The Required attributes of the pool's schema that `attributes` has no value for (`sub` aside: the server sets it). */
export function missingRequiredAttributes(pool: Pool, attributes: Record<string, string>): string[] {
  return pool.settings.SchemaAttributes.filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name]).map((a) => a.Name);
}

/**
 * The schema entry of an attribute: the pool's own, else the standard one (a pool whose schema was
 * stored without them still has the standard attributes), null for a `custom:*` attribute a configured
 * pool accepts without a schema, undefined when the pool has no such attribute.
 */
function schemaAttribute(pool: Pool, name: string): SchemaAttribute | null | undefined {
  const own = pool.settings.SchemaAttributes.find((a) => a.Name === name);
  if (own) return own;
  if (standard.has(name)) return standardSchema().find((a) => a.Name === name);
  if (pool.origin === 'config' && /^custom:[\w.-]{1,20}$/.test(name)) return null;
  return undefined;
}

function checkValue(name: string, value: string, schema: SchemaAttribute | null): void {
  const invalid = (why: string) => new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${name}: ${why}`);
  if (value.length > 2048) throw new CognitoError('InvalidParameterException', `Attribute value for ${name} must not be longer than 2048 characters`);
  if (!schema || value === '') return;
  if (schema.AttributeDataType === 'String') {
    const min = Number(schema.StringAttributeConstraints?.MinLength ?? 0);
    const max = Number(schema.StringAttributeConstraints?.MaxLength ?? 2048);
    if ([...value].length > max) throw invalid(`String must be no longer than ${max} characters`);
    if ([...value].length < min) throw invalid(`String must be no shorter than ${min} characters`);
  } else if (schema.AttributeDataType === 'Number') {
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw invalid('Number must be a number');
    const { MinValue, MaxValue } = schema.NumberAttributeConstraints ?? {};
    if (MinValue !== undefined && Number(value) < Number(MinValue)) throw invalid(`Number must be no less than ${MinValue}`);
    if (MaxValue !== undefined && Number(value) > Number(MaxValue)) throw invalid(`Number must be no greater than ${MaxValue}`);
  }
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
