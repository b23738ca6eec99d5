/**
 * Fastify's schema compilers load on first use: a built server has loaded neither Ajv's nor
 * fast-json-stringify's compiler (start-up parses and runs neither), and each works as Fastify's own when used.
 */
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { lazySerializerBuilder } from '../../src/plugins/lazy-serializer-compiler.js';
import { createServices } from '../../src/services.js';
import { testKeysFile } from '../helpers/idp.js';

const require = createRequire(import.meta.url);
const loadedCompilers = () => Object.keys(require.cache).filter((file) => /[\\/](ajv-compiler|fast-json-stringify-compiler)[\\/]/.test(file));
/** Forgets the compilers' modules, which an earlier test file in the same process (a shard) may have loaded, so that a load shows. */
const forgetCompilers = () => loadedCompilers().forEach((file) => delete require.cache[file]);

t.test("a ready server has loaded neither of Fastify's default schema compilers; a route with a schema still checks its input", async (t) => {
  forgetCompilers();
  const loaded = await loadConfig({ overrides: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' } } });
  const services = await createServices(loaded);
  const app = buildApp(loaded.config, services, { logger: false });
  t.teardown(async () => {
    await app.close();
    await services.store.close();
  });
  await app.ready();
  t.same(loadedCompilers(), [], 'not loaded');
  const jwks = await app.inject({ url: '/.well-known/jwks.json' });
  t.equal(jwks.statusCode, 200);
  // A body the control API's schema refuses (an unknown member), then one it takes.
  const refused = await app.inject({ method: 'POST', url: '/_mock/tokens', payload: { user: 'alice', bogus: 1 } });
  t.equal(refused.statusCode, 400, 'validated');
  const minted = await app.inject({ method: 'POST', url: '/_mock/tokens', payload: { user: 'alice' } });
  t.equal(minted.statusCode, 200);
  t.same(loadedCompilers(), [], 'still not loaded: validation goes through the lazy validator compiler');
});

t.test("the lazy serializer builder serializes a response schema as Fastify's default does", async (t) => {
  const schema = { response: { 200: { type: 'object', properties: { kept: { type: 'string' }, count: { type: 'integer' } } } } };
  const answer = async () => ({ kept: 'yes', count: '7', dropped: true });
  const lazy = Fastify({ schemaController: { compilersFactory: { buildSerializer: lazySerializerBuilder } } });
  const plain = Fastify();
  for (const app of [lazy, plain]) app.get('/', { schema }, answer);
  t.teardown(async () => {
    await lazy.close();
    await plain.close();
  });
  const [fromLazy, fromPlain] = await Promise.all([lazy.inject({ url: '/' }), plain.inject({ url: '/' })]);
  t.equal(fromLazy.body, fromPlain.body, 'the same bytes');
  t.same(JSON.parse(fromLazy.body), { kept: 'yes', count: 7 }, 'members outside the schema dropped, types coerced');
});
