import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { MockIdpError, type ErrorCode } from '../errors.js';

const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: true, allowUnionTypes: true });

/** Compiles `schema` into a function that returns the data typed, or throws naming the offending key. */
export function compileValidator<T>(schema: object, code: ErrorCode = 'INVALID_CONFIG') {
  const validate: ValidateFunction = ajv.compile(schema);
  return (data: unknown, source: string): T => {
    if (validate(data)) return data as T;
    const error = validate.errors?.[0];
    throw new MockIdpError(code, `${source}: ${describe(error)}`, { path: error ? keyPath(error) : '' });
  };
}

/** `/pools/0/clients` → `pools[0].clients`. */
function keyPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid';
  const path = keyPath(error) || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${path}"`;
    case 'required':
      return `"${path ? `${path}.` : ''}${String(error.params.missingProperty)}" is required`.replace('(top level).', '');
    case 'enum':
      return `"${path}" must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `"${path}" ${error.message ?? 'is invalid'}`;
  }
}
