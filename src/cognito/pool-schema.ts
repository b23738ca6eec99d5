import { standardSchema, type SchemaAttribute } from '../directory/pool.js';
import { CognitoError } from './errors.js';
import { validationError } from '../routes/cognito-api/input.js';

const dataTypes = ['String', 'Number', 'DateTime', 'Boolean'] as const;
/** CustomAttributeNameType: 1–20 letters, marks, symbols, digits or punctuation. */
const namePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u;

/**
 * The pool's schema from CreateUserPool's `Schema`: the standard attributes (with any the request
 * redefines: Required, Mutable, string constraints) followed by the request's custom attributes,
 * named `custom:<Name>` (`dev:custom:<Name>` when DeveloperOnlyAttribute), as DescribeUserPool lists them.
 * Checked as Cognito checks them, before anything changes: names, data types, constraints, no
 * required custom attribute, no name twice.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
 */
export function schemaFromRequest(schema: ReadonlyArray<Record<string, unknown>> | undefined): SchemaAttribute[] {
  const attributes = standardSchema();
  if (schema === undefined) return attributes;
  if (schema.length < 1 || schema.length > 50) {
    throw validationError([
      `Value '${JSON.stringify(schema).slice(0, 60)}' at 'schema' failed to satisfy constraint: Member must have length ${schema.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`,
    ]);
  }
  const problems: string[] = [];
  schema.forEach((member, i) => problems.push(...memberProblems(member, `schema.${i + 1}.member`)));
  if (problems.length) throw validationError(problems);

  const seen = new Set<string>();
  const custom: SchemaAttribute[] = [];
  for (const member of schema) {
    const name = member.Name as string | undefined;
    if (name === undefined) throw new CognitoError('InvalidParameterException', 'Attribute name is required in the schema.');
    if (seen.has(name)) throw new CognitoError('InvalidParameterException', `Duplicate attribute name ${name} in the schema.`);
    seen.add(name);
    const standard = attributes.findIndex((a) => a.Name === name);
    if (standard >= 0) attributes[standard] = redefinedStandard(attributes[standard]!, member);
    else custom.push(customAttribute(name, member));
  }
  return [...attributes, ...custom];
}

function memberProblems(member: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  const { Name, AttributeDataType } = member;
  if (Name !== undefined && (typeof Name !== 'string' || !namePattern.test(Name))) {
    problems.push(
      `Value '${String(Name).slice(0, 60)}' at '${at}.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+ and have length between 1 and 20`,
    );
  }
  if (AttributeDataType !== undefined && !dataTypes.includes(AttributeDataType as never)) {
    problems.push(`Value '${String(AttributeDataType).slice(0, 60)}' at '${at}.attributeDataType' failed to satisfy constraint: Member must satisfy enum value set: [${dataTypes.join(', ')}]`);
  }
  for (const flag of ['DeveloperOnlyAttribute', 'Mutable', 'Required'] as const) {
    if (member[flag] !== undefined && typeof member[flag] !== 'boolean') problems.push(`Value at '${at}.${lower(flag)}' failed to satisfy constraint: Member must be a boolean`);
  }
  for (const [structure, keys] of [
    ['StringAttributeConstraints', ['MinLength', 'MaxLength']],
    ['NumberAttributeConstraints', ['MinValue', 'MaxValue']],
  ] as const) {
    const value = member[structure];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`Value at '${at}.${lower(structure)}' failed to satisfy constraint: Member must be a structure`);
      continue;
    }
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'string') problems.push(`Value at '${at}.${lower(structure)}.${lower(key)}' failed to satisfy constraint: Member must be a string`);
    }
  }
  return problems;
}

/** A standard attribute the request lists: its data type stays; Required, Mutable and string lengths may change. */
function redefinedStandard(standard: SchemaAttribute, member: Record<string, unknown>): SchemaAttribute {
  const name = standard.Name;
  if (member.AttributeDataType !== undefined && member.AttributeDataType !== standard.AttributeDataType) {
    throw new CognitoError('InvalidParameterException', `The data type of the standard attribute ${name} cannot be changed (it is ${standard.AttributeDataType}).`);
  }
  if (member.DeveloperOnlyAttribute === true) throw new CognitoError('InvalidParameterException', `The standard attribute ${name} cannot be developer-only.`);
  if (name === 'sub') throw new CognitoError('InvalidParameterException', 'The standard attribute sub cannot be changed.');
  const out: SchemaAttribute = { ...standard };
  if (typeof member.Required === 'boolean') out.Required = member.Required;
  if (typeof member.Mutable === 'boolean') out.Mutable = member.Mutable;
  if (standard.AttributeDataType === 'String' && member.StringAttributeConstraints) {
    out.StringAttributeConstraints = { ...standard.StringAttributeConstraints, ...stringConstraints(name, member.StringAttributeConstraints as Record<string, string>) };
  }
  return out;
}

function customAttribute(name: string, member: Record<string, unknown>): SchemaAttribute {
  if (member.Required === true) throw new CognitoError('InvalidParameterException', 'Required custom attributes are not supported currently.');
  const type = (member.AttributeDataType as SchemaAttribute['AttributeDataType'] | undefined) ?? 'String';
  const developerOnly = member.DeveloperOnlyAttribute === true;
  const out: SchemaAttribute = {
    Name: `${developerOnly ? 'dev:' : ''}custom:${name}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: member.Mutable !== false,
    Required: false,
  };
  if (type === 'String') out.StringAttributeConstraints = stringConstraints(name, (member.StringAttributeConstraints ?? {}) as Record<string, string>);
  else if (member.StringAttributeConstraints !== undefined) {
    throw new CognitoError('InvalidParameterException', `StringAttributeConstraints apply only to String attributes (${name} is ${type}).`);
  }
  if (type === 'Number') out.NumberAttributeConstraints = numberConstraints(name, (member.NumberAttributeConstraints ?? {}) as Record<string, string>);
  else if (member.NumberAttributeConstraints !== undefined) {
    throw new CognitoError('InvalidParameterException', `NumberAttributeConstraints apply only to Number attributes (${name} is ${type}).`);
  }
  return out;
}

/** MinLength and MaxLength: whole numbers as strings, 0 ≤ MinLength ≤ MaxLength ≤ 2048. */
function stringConstraints(name: string, c: Record<string, string>): { MinLength?: string; MaxLength?: string } {
  const min = c.MinLength === undefined ? undefined : wholeNumber(name, 'MinLength', c.MinLength);
  const max = c.MaxLength === undefined ? undefined : wholeNumber(name, 'MaxLength', c.MaxLength);
  if (max !== undefined && max > 2048) throw new CognitoError('InvalidParameterException', `MaxLength of attribute ${name} must be at most 2048.`);
  if (min !== undefined && max !== undefined && min > max) throw new CognitoError('InvalidParameterException', `MinLength of attribute ${name} is greater than its MaxLength.`);
  return { ...(c.MinLength !== undefined ? { MinLength: c.MinLength } : {}), ...(c.MaxLength !== undefined ? { MaxLength: c.MaxLength } : {}) };
}

function numberConstraints(name: string, c: Record<string, string>): { MinValue?: string; MaxValue?: string } {
  const min = c.MinValue === undefined ? undefined : number(name, 'MinValue', c.MinValue);
  const max = c.MaxValue === undefined ? undefined : number(name, 'MaxValue', c.MaxValue);
  if (min !== undefined && max !== undefined && min > max) throw new CognitoError('InvalidParameterException', `MinValue of attribute ${name} is greater than its MaxValue.`);
  return { ...(c.MinValue !== undefined ? { MinValue: c.MinValue } : {}), ...(c.MaxValue !== undefined ? { MaxValue: c.MaxValue } : {}) };
}

function wholeNumber(name: string, what: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CognitoError('InvalidParameterException', `${what} of attribute ${name} must be a whole number (got '${value.slice(0, 20)}').`);
  return Number(value);
}

function number(name: string, what: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new CognitoError('InvalidParameterException', `${what} of attribute ${name} must be an integer (got '${value.slice(0, 20)}').`);
  return Number(value);
}

function lower(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}
