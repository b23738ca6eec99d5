/**
 * What `npm publish` would ship, as `npm pack --dry-run` lists it (scripts
 * ignored: nothing is rebuilt): the licence, what the package.json points at,
 * no source map without the source it maps, no tests, no test-only keys.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { builds, staleBuild } from '../helpers/fresh-build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
const files = new Set(pack.files.map((f) => f.path));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, any>;

t.test('the licence, the readme and the manifest; repository, homepage and bugs name the project', async (t) => {
  for (const file of ['LICENSE', 'README.md', 'package.json']) t.ok(files.has(file), file);
  t.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the mock-idp authors\n/);
  t.equal(manifest.license, 'MIT');
  t.match(manifest.repository, { type: 'git', url: 'git+https://github.com/mock-idp/mock-idp.git' });
  t.match(manifest.homepage, /^https:\/\/github\.com\/mock-idp\/mock-idp\b/);
  t.match(manifest.bugs, { url: /^https:\/\/github\.com\/mock-idp\/mock-idp\/issues$/ });
});

/** Why the shipped dist/ cannot be judged (missing or older than the sources), or false. */
const unbuilt = staleBuild(builds.library) ?? staleBuild(builds.cli) ?? false;

t.test('no source map without the sources it maps', async (t) => {
  const dangling: string[] = [];
  for (const map of [...files].filter((f) => f.endsWith('.map'))) {
    const { sources = [], sourceRoot = '', sourcesContent = [] } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources?: string[]; sourceRoot?: string; sourcesContent?: (string | null)[] };
    sources.forEach((source, i) => {
      if (typeof sourcesContent[i] === 'string') return; // carried in the map itself
      const mapped = posix.normalize(posix.join(posix.dirname(map), sourceRoot, source));
      if (!files.has(mapped)) dangling.push(`${map} → ${mapped}`);
    });
  }
  t.same(dangling, []);
});

t.test('no shipped JavaScript names a source map that is not shipped', { skip: unbuilt }, async (t) => {
  // The build makes no maps today; a file that names one would send debuggers and bundlers looking for it.
  const dangling: string[] = [];
  for (const file of [...files].filter((f) => /\.[cm]?js$/.test(f))) {
    const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(root, file), 'utf8'))?.[1];
    if (named && !named.startsWith('data:') && !files.has(posix.join(posix.dirname(file), named))) dangling.push(`${file} → ${named}`);
  }
  t.same(dangling, []);
});

t.test('no tests, no test-only keys, no fixture generators, no build leftovers', async (t) => {
  const unwanted = [...files].filter(
    (f) =>
      /^(test|\.tap|coverage|src)\//.test(f) ||
      /\.test\.[cm]?[jt]s$/.test(f) ||
      f.startsWith('fixtures/keys/') ||
      /^fixtures\/.*\.ts$/.test(f) ||
      f.endsWith('.builds.json') ||
      f.includes('/.cli-bundle-'),
  );
  t.same(unwanted, []);
});

t.test('what package.json points at is shipped: bin, exports, the CLI bundle, the default fixtures and page', { skip: unbuilt }, async (t) => {
  const targets = [
    ...Object.values(manifest.bin as Record<string, string>),
    ...Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target))),
    'dist/cli-bundle/bin.js',
    // The bin is CommonJS by it (it sizes libuv's threadpool before the ES module loader starts it).
    'bin/package.json',
    'bin/threadpool-size.cjs',
    'fixtures/config.json',
    'fixtures/users.json',
    'page/index.html',
    'dist/page/main.js',
  ];
  for (const target of targets) t.ok(files.has(posix.normalize(target)), target);
});
