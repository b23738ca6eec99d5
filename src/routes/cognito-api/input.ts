import { CognitoError } from '../../cognito/errors.js';
import type { AttributeType } from '../../cognito/user-attributes.js';

interface KindTypes {
  string: string;
  boolean: boolean;
  integer: number;
  stringMap: Record<string, string>;
  attributes: AttributeType[];
  stringList: string[];
  /** A JSON object (a structure such as `Policies`); its members are checked by the operation. */
  object: Record<string, unknown>;
  /** A list of JSON objects (such as `Schema` or `Scopes`); their members are checked by the operation. */
  objectList: Array<Record<string, unknown>>;
}
type Kind = keyof KindTypes;
/** A member's type; a trailing `?` makes it optional. */
export type Spec = Kind | `${Kind}?`;
type Optional<S extends Record<string, Spec>> = { [K in keyof S]: S[K] extends Kind ? never : K }[keyof S];
/** The request members a spec describes, typed. */
export type Input<S extends Record<string, Spec>> = { [K in Exclude<keyof S, Optional<S>>]: KindTypes[S[K] & Kind] } & {
  [K in Optional<S>]?: S[K] extends `${infer B}?` ? KindTypes[B & Kind] : never;
};

/** Members whose values never appear in error messages. */
const secret = new Set(['Password', 'PreviousPassword', 'ProposedPassword', 'TemporaryPassword', 'ClientSecret', 'SecretHash', 'AccessToken', 'RefreshToken', 'Token', 'Session']);

/**
 * Reads the members `spec` names from a request body, or throws
 * InvalidParameterException in Cognito's form:
 * `1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null`.
 * Members the spec does not name are ignored, as AWS services do.
 *
 * @example
 * const { ClientId, AuthParameters } = readInput(body, { ClientId: 'string', AuthParameters: 'stringMap?' });
 */
export function readInput<S extends Record<string, Spec>>(body: Record<string, unknown>, spec: S): Input<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const kind = s.replace('?', '') as Kind;
    const value = body[name];
    const at = name[0]!.toLowerCase() + name.slice(1);
    if (value === undefined || value === null) {
      if (!s.endsWith('?')) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    const problem = check(kind, value);
    if (problem) problems.push(`Value ${secret.has(name) ? '' : `${show(value)} `}at '${at}' failed to satisfy constraint: ${problem}`);
    else out[name] = kind === 'stringMap' ? withoutNulls(value as Record<string, unknown>) : value;
  }
  if (problems.length) throw validationError(problems);
  return out as Input<S>;
}

/** InvalidParameterException `N validation error(s) detected: …`. */
export function validationError(problems: readonly string[]): CognitoError {
  const n = problems.length;
  return new CognitoError('InvalidParameterException', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}

/** A parameter inside AuthParameters / ChallengeResponses: `Missing required parameter USERNAME` when absent. */
export function requiredParameter(params: Record<string, string> | undefined, name: string): string {
  const value = params?.[name];
  if (typeof value !== 'string' || value === '') throw new CognitoError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

function check(kind: Kind, value: unknown): string | null {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return 'Member must be a string';
      return value.length ? null : 'Member must have length greater than or equal to 1';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Member must be a boolean';
    case 'integer':
      return Number.isInteger(value) ? null : 'Member must be an integer';
    case 'stringMap':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'string' || v === null) ? null : 'Member must be a map of strings to strings';
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'Member must be a list of strings';
    case 'object':
      return isObject(value) ? null : 'Member must be a structure';
    case 'objectList':
      return Array.isArray(value) && value.every(isObject) ? null : 'Member must be a list of structures';
    case 'attributes':
      return Array.isArray(value) && value.every((a) => isObject(a) && typeof a.Name === 'string' && a.Name !== '' && (a.Value === undefined || typeof a.Value === 'string'))
        ? null
        : 'Member must be a list of {"Name": string, "Value": string}';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutNulls(map: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
}
