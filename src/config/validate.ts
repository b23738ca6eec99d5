import type { ErrorObject } from 'ajv';
import { MockIdpError, type ErrorCode } from '../errors.js';

/** A validator as Ajv makes it: true or false, and the errors of the last call. */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Wraps a validator (precompiled from src/config/schema.ts into
 * validators.generated.ts) into a function that returns the data typed, or
 * throws naming the offending key.
 */
export function checkedBy<T>(validate: SchemaValidator, code: ErrorCode = 'INVALID_CONFIG') {
  return (data: unknown, source: string): T => {
    if (validate(data)) return data as T;
    const error = validate.errors?.find((e) => e.keyword === 'additionalProperties') ?? validate.errors?.[0];
    throw new MockIdpError(code, `${source}: ${describe(error)}`, { path: error ? keyPath(error) : '' });
  };
}

/** `/pools/0/clients` → `pools[0].clients`; an unknown or missing key is part of the path. */
function keyPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid';
  const path = keyPath(error) || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${path}"`;
    case 'required':
      return `"${path}" is required`;
    case 'enum':
      return `"${path}" must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `"${path}" ${error.message ?? 'is invalid'}`;
  }
}
