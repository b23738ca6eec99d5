import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type SerializerBuilder = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

/**
 * Fastify's own response serializer builder (@fastify/fast-json-stringify-compiler), loaded the first time a
 * route needs one (a route with a response schema, `reply.getSerializationFunction`). Given to Fastify as
 * `schemaController.compilersFactory.buildSerializer`, it keeps Fastify from loading that compiler (and
 * fast-json-stringify, and the Ajv it brings) when the server starts: mock-idp's routes declare no response
 * schemas, so a server usually never loads it at all. Loaded from Fastify's own dependencies, as Fastify would.
 *
 * @example
 * Fastify({ schemaController: { compilersFactory: { buildValidator: () => lazyValidatorCompiler, buildSerializer: lazySerializerBuilder } } });
 */
export const lazySerializerBuilder: SerializerBuilder = (externalSchemas, options) => {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const { SerializerSelector } = fromFastify('@fastify/fast-json-stringify-compiler') as { SerializerSelector: () => SerializerBuilder };
  return SerializerSelector()(externalSchemas, options);
};
