import type { ErrorObject } from 'ajv';
import { MockIdpError, type ErrorCode } from '../errors.js';

/** A validator as Ajv makes it: true or false, and the errors of the last call. */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Wraps a validator (precompiled from src/config/schema.ts into
 * validators.generated.ts) into a function that returns the data typed, or
 * throws naming the offending key and saying what it takes. The error's
 * details carry `path` (`pools[0].id`) and `problem` (the message after the
 * key), so a caller can name the key its own way (the CLI: `--public-url`).
 */
export function checkedBy<T>(validate: SchemaValidator, code: ErrorCode = 'INVALID_CONFIG') {
  /** `nameOf` names a key as its source spells it (`MOCK_IDP_PUBLIC_URL`); default the key path in quotes. */
  return (data: unknown, source: string, nameOf?: (path: string) => string | undefined): T => {
    if (validate(data)) return data as T;
    const errors = validate.errors ?? [];
    const error = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
    if (!error) throw new MockIdpError(code, `${source}: invalid`, { path: '', problem: 'is invalid' });
    const { path, problem } = describe(error, errors);
    const message = error.keyword === 'additionalProperties' ? `unknown key "${path}"` : `${nameOf?.(path) ?? `"${path || '(top level)'}"`} ${problem}`;
    throw new MockIdpError(code, `${source}: ${message}`, { path, problem });
  };
}

/** `/pools/0/clients` → `pools[0].clients`; an unknown or missing key is part of the path. */
function keyPath(error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/**
 * What the values a pattern (or a choice of shapes) allows look like, in words, by key path with
 * `[]` for any index. A pattern quoted to a person helps nobody; `anyOf` branches each fail in
 * their own way ("must be null", "must match pattern …"), so their errors say less than this.
 */
const expected: Record<string, string> = {
  publicUrl: 'a URL with a scheme and a host, e.g. "http://127.0.0.1:4455" or "https://idp.example.test"',
  'allowedHosts[]': 'a host name or IP address, with an optional port, as in a Host header (e.g. "idp" or "idp:4455")',
  adminToken: 'a Bearer token: 1 to 1024 of A-Z a-z 0-9 . _ ~ + / -, then optional "=" padding',
  'appServices.mongodbUri': 'a MongoDB URI, starting with mongodb:// or mongodb+srv://',
  'pools[].id': 'a pool id, <region>_<name>, e.g. "us-east-1_MyPool"',
  'pools[].users': '"*" (every user the users file puts in this pool; in a pool it puts nobody in, every user of the pools this config does not have) or a list of usernames',
  'pools[].clients[].id': '1 to 128 letters, digits, "_" or "+"',
  'pools[].clients[].callbackUrls[]': 'an absolute URL without a fragment: https, http only on localhost, 127.0.0.1 or [::1], or an app scheme such as myapp://callback',
  'pools[].clients[].logoutUrls[]': 'an absolute URL without a fragment: https, http only on localhost, 127.0.0.1 or [::1], or an app scheme such as myapp://callback',
};

const typeWords: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  null: 'null',
};

/** The key and what is wrong with its value, in words; a failed `anyOf`/`oneOf` as the one thing the key takes. */
function describe(error: ErrorObject, errors: ErrorObject[]): { path: string; problem: string } {
  const choice = /^(.*?\/(?:anyOf|oneOf))(?:\/|$)/.exec(error.schemaPath);
  if (choice) return describeChoice(choice[1]!, error, errors);
  const path = keyPath(error);
  const words = expected[genericPath(path)];
  if (words && (error.keyword === 'pattern' || error.keyword === 'type' || error.keyword === 'const')) return { path, problem: `must be ${words}` };
  return { path, problem: problemOf(error) };
}

/**
 * A value none of the branches of `anyOf`/`oneOf` took. A `null` branch means "unset" and is
 * mentioned last ("…, or null"); the others say what they wanted.
 */
function describeChoice(schemaPath: string, first: ErrorObject, errors: ErrorObject[]): { path: string; problem: string } {
  const combinator = errors.find((e) => e.schemaPath === schemaPath);
  const path = keyPath(combinator ?? first);
  const branches = new Map<string, ErrorObject>();
  for (const e of errors) {
    const branch = e.schemaPath.startsWith(`${schemaPath}/`) ? e.schemaPath.slice(schemaPath.length + 1).split('/')[0]! : null;
    if (branch !== null && !branches.has(branch)) branches.set(branch, e);
  }
  const isNull = (e: ErrorObject) => e.keyword === 'type' && e.params.type === 'null';
  const nullable = [...branches.values()].some(isNull);
  const words = expected[genericPath(path)];
  const wanted = words ? [words] : [...branches.values()].filter((e) => !isNull(e)).map((e) => wantedBy(e));
  return { path, problem: `must be ${[...new Set(wanted)].join(', or ')}${nullable ? ' (or null to leave it unset)' : ''}` };
}

/** What one failed branch wanted, as a noun phrase ("a number ≥ 0", "\"*\""). */
function wantedBy(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return typeWords[String(error.params.type)] ?? String(error.params.type);
    case 'const':
      return JSON.stringify(error.params.allowedValue);
    case 'enum':
      return `one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(error.params.comparison).replace('>=', '≥').replace('<=', '≤')} ${String(error.params.limit)}`;
    case 'minLength':
      return error.params.limit === 1 ? 'a non-empty string' : `a string of at least ${String(error.params.limit)} characters`;
    case 'pattern':
      return `a string matching /${String(error.params.pattern)}/`;
    default:
      return `valid (${error.message ?? error.keyword})`;
  }
}

function problemOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${String(error.params.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
        .join(' or ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** `pools[0].clients[1].id` → `pools[].clients[].id`: the key of {@link expected}. */
function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}
