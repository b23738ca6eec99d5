import { defaultPasswordPolicy, defaultPoolSettings, type PasswordPolicy, type PoolSettings } from '../directory/pool.js';
import { validationError } from '../routes/cognito-api/input.js';
import { CognitoError } from './errors.js';
import { issuerConfigurationProblems } from './issuer-configuration.js';
import { schemaFromRequest } from './pool-schema.js';
import { authFactors } from './sign-in-factors.js';

/** PoolName: UserPoolNameType. */
export const poolNamePattern = /^[\w\s+=,.@-]+$/;
const arnPattern = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;

/** Members of the request that become settings as they are given (after a type check). */
const verbatimStrings = ['SmsVerificationMessage', 'EmailVerificationMessage', 'EmailVerificationSubject', 'SmsAuthenticationMessage'] as const;
const verbatimObjects = [
  'VerificationMessageTemplate',
  'UserAttributeUpdateSettings',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const;

/**
 * The members UpdateUserPool resets to their defaults when a request leaves them out ("If you don't
 * provide a value for an attribute, Amazon Cognito sets it to its default value", API_UpdateUserPool).
 * PoolName, UserPoolTier, KeyConfiguration and IssuerConfiguration are kept instead; the schema and the
 * sign-in attributes are not in UpdateUserPool's input and never change.
 */
const resetByUpdate = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'MfaConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  ...verbatimStrings,
  ...verbatimObjects.filter((m) => m !== 'KeyConfiguration' && m !== 'IssuerConfiguration'),
] as const;

/** The settings of a pool made by CreateUserPool with nothing but a name. */
export function createdPoolDefaults(): PoolSettings {
  return { ...defaultPoolSettings(), UserPoolTier: 'ESSENTIALS' };
}

/** Checks PoolName (UserPoolNameType): 1–128 characters of `[\w\s+=,.@-]`. */
export function checkPoolName(name: unknown): string {
  const problems: string[] = [];
  if (typeof name !== 'string')
    problems.push(
      name === undefined || name === null
        ? `Value null at 'poolName' failed to satisfy constraint: Member must not be null`
        : `Value at 'poolName' failed to satisfy constraint: Member must be a string`,
    );
  else {
    if (name.length < 1 || name.length > 128)
      problems.push(`Value '${name.slice(0, 60)}' at 'poolName' failed to satisfy constraint: Member must have length ${name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 128'}`);
    if (!poolNamePattern.test(name)) problems.push(`Value '${name.slice(0, 60)}' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`);
  }
  if (problems.length) throw validationError(problems);
  return name as string;
}

/**
 * A new pool's settings from a CreateUserPool request: what it gives, checked as Cognito checks it,
 * over the defaults. Throws InvalidParameterException (naming the member) before anything changes.
 */
export function settingsFromCreate(body: Record<string, unknown>): PoolSettings {
  const problems = updatableProblems(body);
  problems.push(...enumListProblems(body, 'UsernameAttributes', ['phone_number', 'email']));
  problems.push(...enumListProblems(body, 'AliasAttributes', ['phone_number', 'email', 'preferred_username']));
  const naming = body.UsernameConfiguration;
  if (naming !== undefined && (!isObject(naming) || typeof naming.CaseSensitive !== 'boolean')) {
    problems.push(`Value '${JSON.stringify(naming).slice(0, 60)}' at 'usernameConfiguration.caseSensitive' failed to satisfy constraint: Member must not be null and must be a boolean`);
  }
  if (body.Schema !== undefined && (!Array.isArray(body.Schema) || !body.Schema.every(isObject))) {
    problems.push(`Value at 'schema' failed to satisfy constraint: Member must be a list of structures`);
  }
  if (problems.length) throw validationError(problems);
  if (isNonEmptyList(body.UsernameAttributes) && isNonEmptyList(body.AliasAttributes)) {
    throw new CognitoError(
      'InvalidParameterException',
      'UsernameAttributes and AliasAttributes cannot both be set: a pool signs in either by email or phone number instead of a username, or by aliases beside one.',
    );
  }
  const settings = applyUpdatable(createdPoolDefaults(), body);
  settings.SchemaAttributes = schemaFromRequest(body.Schema as Array<Record<string, unknown>> | undefined);
  for (const member of ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration'] as const) {
    if (body[member] !== undefined && body[member] !== null) settings[member] = structuredClone(body[member]) as never;
  }
  return settings;
}

/**
 * A pool's settings after UpdateUserPool: the updatable members given replace the current ones, those
 * left out go back to their defaults; the schema, sign-in attributes, tier and issuer stay.
 */
export function settingsFromUpdate(current: PoolSettings, body: Record<string, unknown>): PoolSettings {
  const problems = updatableProblems(body);
  if (problems.length) throw validationError(problems);
  const defaults = createdPoolDefaults();
  const base: Record<string, unknown> = structuredClone(current);
  for (const member of resetByUpdate) {
    if (member in defaults) base[member] = structuredClone(defaults[member]);
    else delete base[member];
  }
  return applyUpdatable(base as PoolSettings, body);
}

/** The problems of the members CreateUserPool and UpdateUserPool share, in Cognito's validation-message form. */
function updatableProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  problems.push(...enumProblems(body, 'DeletionProtection', ['ACTIVE', 'INACTIVE']));
  problems.push(...enumProblems(body, 'MfaConfiguration', ['OFF', 'ON', 'OPTIONAL']));
  problems.push(...enumProblems(body, 'UserPoolTier', ['LITE', 'ESSENTIALS', 'PLUS']));
  problems.push(...enumListProblems(body, 'AutoVerifiedAttributes', ['phone_number', 'email']));
  problems.push(...issuerConfigurationProblems(body));
  for (const member of verbatimStrings) {
    if (body[member] !== undefined && body[member] !== null && typeof body[member] !== 'string') problems.push(`Value at '${lower(member)}' failed to satisfy constraint: Member must be a string`);
  }
  for (const member of [...verbatimObjects, 'Policies', 'LambdaConfig', 'AdminCreateUserConfig', 'UserPoolTags'] as const) {
    if (body[member] !== undefined && body[member] !== null && !isObject(body[member])) problems.push(`Value at '${lower(member)}' failed to satisfy constraint: Member must be a structure`);
  }
  if (problems.length) return problems;

  const policy = isObject(body.Policies) && isObject(body.Policies.PasswordPolicy) ? body.Policies.PasswordPolicy : undefined;
  if (policy) {
    const at = 'policies.passwordPolicy';
    problems.push(...integerProblems(policy, 'MinimumLength', at, 6, 99));
    problems.push(...integerProblems(policy, 'TemporaryPasswordValidityDays', at, 0, 365));
    problems.push(...integerProblems(policy, 'PasswordHistorySize', at, 0, 24));
    for (const flag of ['RequireUppercase', 'RequireLowercase', 'RequireNumbers', 'RequireSymbols'] as const) {
      if (policy[flag] !== undefined && typeof policy[flag] !== 'boolean') problems.push(`Value at '${at}.${lower(flag)}' failed to satisfy constraint: Member must be a boolean`);
    }
  }
  const signIn = isObject(body.Policies) && isObject(body.Policies.SignInPolicy) ? body.Policies.SignInPolicy : undefined;
  if (signIn) {
    // SignInPolicyType: AllowedFirstAuthFactors, 1 to 4 of AuthFactorType.
    const factors = enumListProblems(signIn, 'AllowedFirstAuthFactors', authFactors).map((p) => p.replace("at 'allowedFirstAuthFactors'", "at 'policies.signInPolicy.allowedFirstAuthFactors'"));
    problems.push(...factors);
    const count = Array.isArray(signIn.AllowedFirstAuthFactors) ? signIn.AllowedFirstAuthFactors.length : 1;
    if (!factors.length && (count < 1 || count > authFactors.length)) {
      problems.push(
        `Value at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: Member must have length ${count < 1 ? 'greater than or equal to 1' : `less than or equal to ${authFactors.length}`}`,
      );
    }
  }
  if (isObject(body.AdminCreateUserConfig)) {
    const config = body.AdminCreateUserConfig;
    problems.push(...integerProblems(config, 'UnusedAccountValidityDays', 'adminCreateUserConfig', 0, 365));
    if (config.AllowAdminCreateUserOnly !== undefined && typeof config.AllowAdminCreateUserOnly !== 'boolean') {
      problems.push(`Value at 'adminCreateUserConfig.allowAdminCreateUserOnly' failed to satisfy constraint: Member must be a boolean`);
    }
  }
  if (isObject(body.UserPoolTags)) {
    const tags = Object.entries(body.UserPoolTags);
    if (tags.length > 50) problems.push(`Value at 'userPoolTags' failed to satisfy constraint: Member must have length less than or equal to 50`);
    for (const [key, value] of tags) problems.push(...tagProblems(key, value, 'userPoolTags'));
  }
  if (isObject(body.LambdaConfig)) {
    for (const [trigger, value] of Object.entries(body.LambdaConfig)) {
      if (typeof value === 'string' && (value.length < 20 || value.length > 2048 || !arnPattern.test(value))) {
        problems.push(
          `Value '${value.slice(0, 60)}' at 'lambdaConfig.${lower(trigger)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${arnPattern.source.slice(1, -1)}`,
        );
      }
    }
  }
  return problems;
}

/** Tag keys 1–128 characters, values 0–256 (UserPoolTagsType). */
export function tagProblems(key: string, value: unknown, at: string): string[] {
  const problems: string[] = [];
  if (key.length < 1 || key.length > 128)
    problems.push(
      `Value '${key.slice(0, 60)}' at '${at}' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`,
    );
  if (typeof value !== 'string' || value.length > 256) {
    problems.push(`Value at '${at}' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must be a string]`);
  }
  return problems;
}

/** The updatable members the request gives, over `base` (checked already). */
function applyUpdatable(base: PoolSettings, body: Record<string, unknown>): PoolSettings {
  const settings = base;
  const given = (member: string) => body[member] !== undefined && body[member] !== null;
  if (given('Policies')) {
    const policies = structuredClone(body.Policies) as Record<string, unknown>;
    const password = isObject(policies.PasswordPolicy) ? passwordPolicy(policies.PasswordPolicy) : { ...defaultPasswordPolicy };
    settings.Policies = { ...policies, PasswordPolicy: password };
  }
  if (given('AdminCreateUserConfig')) {
    settings.AdminCreateUserConfig = { ...createdPoolDefaults().AdminCreateUserConfig, ...(structuredClone(body.AdminCreateUserConfig) as object) };
  }
  for (const member of ['DeletionProtection', 'MfaConfiguration', 'UserPoolTier', 'AutoVerifiedAttributes', 'LambdaConfig', 'UserPoolTags', ...verbatimStrings, ...verbatimObjects]) {
    if (given(member)) settings[member] = structuredClone(body[member]);
  }
  return settings;
}

/**
 * The password policy given, with Cognito's defaults for the members left out: a request that
 * names only MinimumLength gets false for the Require* flags, as Cognito describes such a pool.
 */
function passwordPolicy(given: Partial<PasswordPolicy>): PasswordPolicy {
  return {
    MinimumLength: given.MinimumLength ?? 8,
    RequireUppercase: given.RequireUppercase ?? false,
    RequireLowercase: given.RequireLowercase ?? false,
    RequireNumbers: given.RequireNumbers ?? false,
    RequireSymbols: given.RequireSymbols ?? false,
    ...(given.PasswordHistorySize !== undefined ? { PasswordHistorySize: given.PasswordHistorySize } : {}),
    TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays ?? 7,
  };
}

function enumProblems(body: Record<string, unknown>, member: string, values: readonly string[]): string[] {
  const value = body[member];
  if (value === undefined || value === null || values.includes(value as string)) return [];
  return [`Value '${String(value).slice(0, 60)}' at '${lower(member)}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`];
}

function enumListProblems(body: Record<string, unknown>, member: string, values: readonly string[]): string[] {
  const value = body[member];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && (value as unknown[]).every((v) => typeof v === 'string' && values.includes(v))) return [];
  return [
    `Value '${JSON.stringify(value).slice(0, 60)}' at '${lower(member)}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${values.join(', ')}]]`,
  ];
}

function integerProblems(structure: Record<string, unknown>, member: string, at: string, min: number, max: number): string[] {
  const value = structure[member];
  if (value === undefined || value === null) return [];
  const path = `${at}.${lower(member)}`;
  if (!Number.isInteger(value)) return [`Value at '${path}' failed to satisfy constraint: Member must be an integer`];
  const n = value as number;
  if (n < min) return [`Value '${n}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`];
  if (n > max) return [`Value '${n}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`];
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function lower(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}
