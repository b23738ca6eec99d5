// Bundles the CLI (bin/mock-idp.js runs it) with esbuild, after tsc has built dist/.
//
// Why: without a compile cache (Node 20), every module costs a file lookup, a read
// and a compile at start-up. tsc's dist/ holds ~180 of our modules, and jose,
// fastify and pino bring hundreds more; one bundle in a few chunks starts much
// faster. The library entry points ("." and "./verifier") stay tsc's dist/*.js.
//
// Safe under a running CLI: a CLI started from dist/cli-bundle imports some chunks
// later (the server, the store, TLS), from the same folder. So this script never
// empties that folder: it builds into a temporary folder beside it, moves the chunks
// in (their names carry a content hash, so a name already there holds the same
// bytes), then bin.js last, each by rename (atomic: a CLI starting meanwhile reads
// the old bin.js or the new one, never half of one). Chunks of the two builds before
// stay too, for CLIs started from them; older ones are deleted.
//
// Usage: node scripts/bundle-cli.mjs           (npm run build runs it)
//        node scripts/bundle-cli.mjs --prune   (npm pack and publish run it first, through "prepack"):
//          builds nothing, deletes every file but the newest build's, so an older build's chunks
//          are not shipped (the "prepare" build that follows adds only what changed since).
import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = `${root}dist/cli-bundle`;
/** The files of the last builds, newest first: what may still be in use. */
const manifestFile = `${outdir}/.builds.json`;
/** Builds whose files are kept besides this one's. */
const keptBuilds = 2;

// Loaded only when needed, and heavy or awkward to bundle (native binaries and
// downloads, decorators metadata, optional packages): they stay in node_modules,
// imported at run time.
// @smithy/signature-v4 (the AWS SDK's signer) loads only when an admin token is set and an IAM call
// arrives; bundled, its @smithy/core has classes whose names clash across modules (see the check below).
// @aws-sdk/client-lambda (Lambda triggers over the Invoke API) and @simplewebauthn/server (passkeys) load at
// their first use too, and bring the same kind of @smithy classes.
// Fastify's default schema compilers (@fastify/ajv-compiler, @fastify/fast-json-stringify-compiler, with Ajv and
// fast-json-stringify: ~650 KB, a third of the server's chunk, parsed at every start) are never loaded from the bundle:
// the app gives Fastify its own lazy compilers (src/app.ts), which load them from node_modules on first use.
// Everything else (our code, jose, fastify, pino, ...) is bundled.
const external = [
  'mongodb',
  'mongodb-memory-server-core',
  '@peculiar/x509',
  'reflect-metadata',
  '@smithy/signature-v4',
  '@aws-sdk/client-lambda',
  '@simplewebauthn/server',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
];

/**
 * Fastify's plugin-utils.js requires semver when Fastify loads, to check the Fastify version a plugin declares
 * (fastify-plugin's `fastify: '5.x'`), which none of mock-idp's do; loading semver builds some forty regular
 * expressions (~5 ms of every start). In the bundle, Fastify gets a stand-in that loads semver on first use.
 * The build fails if Fastify calls a semver function the stand-in lacks.
 */
const lazySemverFor = /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]plugin-utils\.js$/;
const lazySemverFunctions = ['gt', 'coerce', 'satisfies'];
const lazySemver = {
  name: 'lazy-semver',
  setup(build) {
    build.onResolve({ filter: /^semver$/ }, (args) =>
      args.namespace === 'file' && lazySemverFor.test(args.importer) ? { path: 'semver', namespace: 'lazy-semver', pluginData: { importer: args.importer } } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-semver' }, async (args) => {
      const { importer } = args.pluginData;
      const used = new Set([...(await readFile(importer, 'utf8')).matchAll(/\bsemver\.(\w+)/g)].map((m) => m[1]));
      const missing = [...used].filter((name) => !lazySemverFunctions.includes(name));
      if (missing.length) throw new Error(`bundle-cli: fastify's plugin-utils.js calls semver.${missing.join(', semver.')}: add it to lazySemverFunctions`);
      const exports = lazySemverFunctions.map((name) => `${name}: (...args) => load().${name}(...args)`).join(', ');
      // resolveDir: semver as Fastify itself would find it.
      return { contents: `let semver;\nconst load = () => (semver ??= require('semver'));\nmodule.exports = { ${exports} };\n`, loader: 'js', resolveDir: dirname(importer) };
    });
  },
};

if (process.argv.includes('--prune')) {
  const [newest] = await readFile(manifestFile, 'utf8').then(
    (text) => JSON.parse(text),
    () => [],
  );
  if (newest) {
    const kept = new Set(newest);
    for (const file of await readdir(outdir)) if (file !== '.builds.json' && !kept.has(file)) await rm(`${outdir}/${file}`, { force: true });
    await writeFile(manifestFile, `${JSON.stringify([newest])}\n`);
  }
  process.exit(0);
}

await mkdir(`${root}dist`, { recursive: true });
const staging = await mkdtemp(`${root}dist/.cli-bundle-`);
try {
  await build({
    absWorkingDir: root,
    // tsc's output, so the bundle runs exactly the JavaScript the tests import.
    entryPoints: ['dist/cli/bin.js'],
    outdir: staging,
    bundle: true,
    // ESM with code splitting keeps the CLI's dynamic import()s lazy: the server,
    // the MongoDB store and the TLS code each load in their own chunk, when needed.
    // All chunks sit in outdir itself, two levels below the package root, which is
    // where src/config/package-dir.ts expects its code to be.
    format: 'esm',
    splitting: true,
    platform: 'node',
    target: 'node20',
    external,
    plugins: [lazySemver],
    // Bundled CommonJS (fastify, pino, ...) calls require() for Node's built-ins,
    // which an ES module lacks: give each chunk one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // No keepNames: it wraps every function expression in a __name() call, which
    // runs each time a closure is made, per request in fastify's hot path (the JWKS
    // answered ~20% slower with it). Names matter where code reads them: jose's
    // errors take `this.constructor.name`; the check below fails the build if esbuild
    // renamed any class (it renames only bindings that clash across modules).
    keepNames: false,
    // No source maps: the package ships none (its maps would point at sources it does
    // not ship). `npm run cli` runs the TypeScript itself.
    sourcemap: false,
    // Whitespace and syntax minified (names kept: see keepNames above): a start compiles the
    // chunks it loads whole, and fewer bytes compile faster (the server's chunk 1.3 MB → 0.9 MB).
    minifyWhitespace: true,
    minifySyntax: true,
    // Licence comments go to a <chunk>.LEGAL.txt beside each chunk instead of its end. Some hold
    // non-ASCII letters, and one such character makes V8 keep the whole chunk's source as
    // two-byte text: twice the memory, and slower to decode and scan at every start.
    legalComments: 'external',
    logLevel: 'warning',
  });

  const built = (await readdir(staging)).sort();
  // A class renamed to dodge a clash (`class JWTExpired2`) would change error names.
  for (const file of built.filter((f) => f.endsWith('.js'))) {
    const text = await readFile(`${staging}/${file}`, 'utf8');
    const renamed = text.match(/\bclass [A-Za-z_$][\w$]*?\d+\b/g);
    if (renamed) throw new Error(`bundle-cli: esbuild renamed classes in ${file} (${[...new Set(renamed)].join(', ')}): set keepNames, or rename them at the source`);
    // esbuild escapes non-ASCII in code (its default charset); what is left would be in a comment (see legalComments).
    const nonAscii = /[\u0080-\uffff]/.exec(text);
    if (nonAscii) throw new Error(`bundle-cli: ${file} holds non-ASCII text (${JSON.stringify(text.slice(Math.max(0, nonAscii.index - 40), nonAscii.index + 40))}): V8 would keep it as two-byte text`);
  }

  await mkdir(outdir, { recursive: true });
  const present = (await readdir(outdir)).filter((f) => f !== '.builds.json');
  // The first build of this kind finds files and no manifest: count them as one earlier build.
  const earlier = await readFile(manifestFile, 'utf8').then(
    (text) => JSON.parse(text),
    () => (present.length ? [present] : []),
  );
  for (const file of built.filter((f) => f !== 'bin.js')) await rename(`${staging}/${file}`, `${outdir}/${file}`);
  await rename(`${staging}/bin.js`, `${outdir}/bin.js`);

  const builds = [built, ...earlier.slice(0, keptBuilds)];
  const kept = new Set(builds.flat());
  for (const file of present) if (!kept.has(file)) await rm(`${outdir}/${file}`, { force: true });
  await writeFile(manifestFile, `${JSON.stringify(builds)}\n`);
} finally {
  await rm(staging, { recursive: true, force: true });
}
