/**
 * The check that keeps tests off a stale build (test/helpers/fresh-build.ts),
 * on a made-up tree whose file times the test sets.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { builds, staleBuild } from '../helpers/fresh-build.js';

/** A tree with the CLI's inputs and outputs, every file and folder at `base` (seconds since the epoch). */
function tree(t: Test, base = 1_700_000_000) {
  const root = t.testdir({
    src: { cli: { 'bin.ts': '' }, 'index.ts': '' },
    scripts: { 'bundle-cli.mjs': '' },
    'tsconfig.json': '{}',
    'tsconfig.build.json': '{}',
    dist: { cli: { 'bin.js': '' }, 'cli-bundle': { 'bin.js': '' } },
  });
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  for (const path of ['src/cli/bin.ts', 'src/index.ts', 'src/cli', 'src', 'scripts/bundle-cli.mjs', 'tsconfig.json', 'tsconfig.build.json']) at(path, base);
  for (const path of ['dist/cli/bin.js', 'dist/cli-bundle/bin.js']) at(path, base + 10);
  return { root, at };
}

t.test('a build newer than every input is fresh', async (t) => {
  const { root } = tree(t);
  t.equal(staleBuild(builds.cli, root), null);
});

t.test('a source edited after the build: stale, naming it, and what to run', async (t) => {
  const { root, at } = tree(t);
  at('src/cli/bin.ts', 1_700_000_020);
  t.equal(staleBuild(builds.cli, root), 'dist/cli/bin.js is older than src/cli/bin.ts: run `npm run build`');
});

t.test('a source added or deleted (its folder changes): stale', async (t) => {
  const { root, at } = tree(t);
  at('src/cli', 1_700_000_020);
  t.match(staleBuild(builds.cli, root), /older than src\/cli: run `npm run build`$/);
});

t.test('the bundle older than tsc output (bundled from an older dist/): stale', async (t) => {
  const { root, at } = tree(t);
  at('dist/cli-bundle/bin.js', 1_700_000_005);
  at('src/index.ts', 1_700_000_007);
  t.match(staleBuild(builds.cli, root), /^dist\/cli-bundle\/bin\.js is older than src\/index\.ts/);
});

t.test("the build's own settings count: a changed bundle script makes the bundle stale", async (t) => {
  const { root, at } = tree(t);
  at('scripts/bundle-cli.mjs', 1_700_000_020);
  t.match(staleBuild(builds.cli, root), /older than scripts\/bundle-cli\.mjs/);
});

t.test('no build at all: missing, and what to run', async (t) => {
  const root = t.testdir({ src: { 'index.ts': '' } });
  t.equal(staleBuild(builds.cli, root), 'dist/cli/bin.js is missing: run `npm run build`');
});

t.test("the page's scripts depend on src/page only", async (t) => {
  const root = t.testdir({ src: { page: { 'main.ts': '' }, 'server.ts': '' }, dist: { page: { 'main.js': '' } } });
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  for (const path of ['src/page/main.ts', 'src/page', 'src']) at(path, 1_700_000_000);
  at('dist/page/main.js', 1_700_000_010);
  at('src/server.ts', 1_700_000_020);
  t.equal(staleBuild(builds.page, root), null, 'a server source is not the page');
  mkdirSync(join(root, 'src/page/new'));
  writeFileSync(join(root, 'src/page/new/view.ts'), '');
  t.match(staleBuild(builds.page, root), /^dist\/page\/main\.js is older than src\/page/);
});
