import { createRequire } from 'node:module';
import type { FastifySchemaCompiler } from 'fastify';
import type { Ajv, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * How request schemas are read: what they name and nothing else (no extra
 * members dropped, no type coercion), defaults filled in, the first error
 * reported. Fastify's defaults, minus coercion and removal.
 */
const ajvOptions = { allowUnionTypes: true, removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false, addUsedSchema: false } as const;

let shared: Ajv | undefined;

/** Ajv, loaded on first use: a server that answers only the JWKS and tokens never loads it. */
function ajv(): Ajv {
  if (!shared) {
    const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
    shared = new AjvClass(ajvOptions);
  }
  return shared;
}

/**
 * Fastify's validator compiler, made lazy: each route's schema is compiled on
 * the route's first request rather than when the server starts: compiling
 * every schema (and loading Ajv) at start-up delayed every start; a request
 * pays it once, for its route only.
 *
 * @example
 * app.setValidatorCompiler(lazyValidatorCompiler);
 */
export const lazyValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  let validate: ValidateFunction | undefined;
  const check = Object.assign(
    (data: unknown): boolean => {
      validate ??= ajv().compile(schema as object);
      const valid = validate(data);
      check.errors = validate.errors;
      return valid;
    },
    { errors: null as ValidateFunction['errors'] },
  );
  return check;
};
