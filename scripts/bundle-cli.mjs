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
// Everything else (our code, jose, fastify, pino, ajv, ...) is bundled.
const external = ['mongodb', 'mongodb-memory-server-core', '@peculiar/x509', 'reflect-metadata', '@smithy/signature-v4', '@aws-sdk/client-lambda', '@simplewebauthn/server'];

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
    // not ship). The bundle is not minified; `npm run cli` runs the TypeScript itself.
    sourcemap: false,
    logLevel: 'warning',
  });

  const built = (await readdir(staging)).sort();
  // A class renamed to dodge a clash (`class JWTExpired2`) would change error names.
  for (const file of built.filter((f) => f.endsWith('.js'))) {
    const renamed = (await readFile(`${staging}/${file}`, 'utf8')).match(/\bclass [A-Za-z_$][\w$]*?\d+\b/g);
    if (renamed) throw new Error(`bundle-cli: esbuild renamed classes in ${file} (${[...new Set(renamed)].join(', ')}): set keepNames, or rename them at the source`);
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
