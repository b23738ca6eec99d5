/**
 * The Dockerfile, without a Docker engine: linted with dockerfile-utils (the
 * validator behind the Dockerfile language server; works offline), then its
 * stages checked for what the image promises. services.test.ts runs its
 * HEALTHCHECK against a live server.
 */
import { Copy } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import t from 'tap';
import { dockerfileStages, dockerfileText, dockerignore, execForm, instructions, stageEnv } from '../helpers/docker-files.js';

const stages = dockerfileStages();
const runtime = stages.at(-1)!;
const args = (stage: typeof runtime, keyword: string) => instructions(stage, keyword).map((i) => i.getArgumentsContent() ?? '');

t.test('the linter finds nothing', async (t) => {
  const problems = validate(dockerfileText).map((d) => `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
  t.same(problems, []);
  t.not(validate(dockerfileText.replace('EXPOSE 4455', 'EXPOSE port')).length, 0, 'and it does find a broken EXPOSE');
});

t.test('multi-stage on the official Node 20 image; the runtime stage is last', async (t) => {
  t.same(
    stages.map((s) => s.name),
    ['build', 'consumer', 'runtime'],
  );
  const names = new Set(stages.map((s) => s.name));
  for (const stage of stages) {
    t.ok(stage.image === 'node:20-bookworm-slim' || names.has(stage.image), `${stage.name}: FROM ${stage.image}`);
  }
  t.equal(runtime.image, 'node:20-bookworm-slim', 'the runtime starts afresh from the official image');
  t.match(args(stages[0]!, 'RUN').join('\n'), /npm ci[\s\S]*npm run build/, 'build: npm ci, then npm run build');
});

t.test('runtime: production dependencies only, non-root, port, volume, health check, command', async (t) => {
  const runs = args(runtime, 'RUN');
  t.ok(
    runs.some((r) => /\bnpm ci\b.*--omit=dev\b.*--ignore-scripts\b/.test(r)),
    'npm ci --omit=dev --ignore-scripts',
  );
  t.notOk(
    runs.some((r) => /\bnpm (i|install|ci)\b/.test(r) && !r.includes('--omit=dev')),
    'no other install',
  );

  const users = args(runtime, 'USER');
  t.equal(users.at(-1), 'node', 'runs as node');
  t.ok(instructions(runtime, 'USER')[0]!.getRange().start.line < instructions(runtime, 'CMD')[0]!.getRange().start.line);

  t.same(args(runtime, 'EXPOSE'), ['4455']);
  t.same(args(runtime, 'VOLUME'), ['/data']);
  t.match(stageEnv(runtime), { MOCK_IDP_HOST: '0.0.0.0', MOCK_IDP_PORT: '4455' });
  t.same(execForm(instructions(runtime, 'CMD').at(-1)!), ['node', 'bin/mock-idp.js', 'serve']);

  const healthchecks = instructions(runtime, 'HEALTHCHECK');
  t.equal(healthchecks.length, 1, 'one HEALTHCHECK');
  const check = execForm(healthchecks[0]!);
  t.same(check.slice(0, 2), ['node', '-e'], 'node, not curl (slim images have none)');
  t.match(check[2], /process\.env\.MOCK_IDP_PORT/, 'on the configured port');
  t.match(check[2], /\/health/);
});

t.test('what the runtime image holds: the server, no tests, no private keys', async (t) => {
  const copies = instructions(runtime, 'COPY') as Copy[];
  const fromBuild = copies.filter((c) => c.getFromFlag());
  t.same(
    fromBuild.map((c) => [c.getFromFlag()!.getValue(), c.getArgumentsContent()]),
    [['build', '/app/dist ./dist']],
    'only dist/ from the build',
  );
  const sources = copies
    .filter((c) => !c.getFromFlag())
    .flatMap((c) =>
      c
        .getArguments()
        .slice(0, -1)
        .map((a) => a.getValue()),
    );
  // fixtures/keys holds test-only private keys (for keys.seedFile in this repository's tests):
  // not in an image, where keys are generated at start or kept in MOCK_IDP_KEYS_FILE.
  // fixtures/app-services stays: the default apps need it (its secrets.json is the HS256
  // fixture app's published, test-only secret).
  t.same(sources, ['package.json', 'package-lock.json', 'bin', 'page', 'fixtures/config.json', 'fixtures/users.json', 'fixtures/app-services']);

  for (const ignored of ['node_modules', 'dist', '.git', 'test', 'mock-idp-tls', '**/*.log', 'fixtures/keys']) {
    t.ok(dockerignore.includes(ignored), `.dockerignore: ${ignored}`);
  }
  t.ok(dockerignore.includes('!test/compose/consumer'), 'except the example consumer, for the consumer target');
});
