/**
 * Most tests run the TypeScript sources (tsx); a few run what `npm run build`
 * makes, because that is what users run: the CLI bundle (spawned
 * `bin/mock-idp.js`), the package entry points (`import 'mock-idp'`), the
 * teaching page's scripts (dist/page, served to a browser). Those must never
 * run a build older than the sources: `npm test` builds first (pretest), but
 * `npx tap test/cli/…` after editing src/ does not, and would pass or fail on
 * yesterday's code. Each such test asks {@link assertFreshBuild} first, which
 * fails it with "run npm run build" instead.
 *
 * Fresh means: every output named is at least as new as the newest file or
 * folder among its inputs, src/ and the build's own settings (a folder's time
 * changes when a file in it is added, renamed or deleted). tsc and esbuild rewrite every
 * output on each build, so an output's time is its build's.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What the build reads: sources, and the settings that change its output. */
export const buildInputs = ['src', 'scripts/bundle-cli.mjs', 'tsconfig.json', 'tsconfig.build.json'];

/** What a test may run, by kind: the outputs (the first and the last file its build step writes) and their inputs. */
export const builds = {
  /** `bin/mock-idp.js`: tsc's dist/cli/bin.js, bundled into dist/cli-bundle/bin.js (written last). */
  cli: { outputs: ['dist/cli/bin.js', 'dist/cli-bundle/bin.js'], inputs: buildInputs },
  /** `import 'mock-idp'` and `'mock-idp/verifier'`. */
  library: { outputs: ['dist/index.js', 'dist/verifier/index.js'], inputs: buildInputs },
  /** The teaching page's scripts (their own tsc build, of src/page only). */
  page: { outputs: ['dist/page/main.js'], inputs: ['src/page'] },
} as const;

/** The newest modification time (ms) of `path` and, for a folder, of everything under it; 0 if absent. */
export function newestMtime(path: string): { ms: number; path: string } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { ms: 0, path };
  }
  let newest = { ms: stat.mtimeMs, path };
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      const inner = newestMtime(join(path, entry));
      if (inner.ms > newest.ms) newest = inner;
    }
  }
  return newest;
}

/**
 * Why the outputs cannot be trusted (missing, or older than an input), or
 * null when they are fresh.
 *
 * @example
 * staleBuild(builds.cli) // 'dist/cli-bundle/bin.js is older than src/cli/serve.ts: run `npm run build`'
 */
export function staleBuild({ outputs, inputs }: { outputs: readonly string[]; inputs: readonly string[] }, root = repoRoot): string | null {
  let input = { ms: 0, path: '' };
  for (const name of inputs) {
    const newest = newestMtime(join(root, name));
    if (newest.ms > input.ms) input = newest;
  }
  for (const output of outputs) {
    let ms: number;
    try {
      ms = statSync(join(root, output)).mtimeMs;
    } catch {
      return `${output} is missing: run \`npm run build\``;
    }
    if (ms < input.ms) return `${output} is older than ${relative(root, input.path)}: run \`npm run build\``;
  }
  return null;
}

const checked = new Map<string, string | null>();

/**
 * Throws (failing the test that asked) unless the outputs are fresh; checked
 * once per process and kind.
 *
 * @example
 * assertFreshBuild('cli'); // before spawning bin/mock-idp.js
 */
export function assertFreshBuild(kind: keyof typeof builds): void {
  if (!checked.has(kind)) checked.set(kind, staleBuild(builds[kind]));
  const stale = checked.get(kind);
  if (stale) throw new Error(`this test runs the build, and the build is stale: ${stale}`);
}
