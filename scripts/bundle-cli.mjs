// Bundles the CLI (bin/mock-idp.js runs it) with esbuild, after tsc has built dist/.
//
// Why: without a compile cache (Node 20), every module costs a file lookup, a read
// and a compile at start-up. tsc's dist/ holds ~180 of our modules, and jose,
// fastify and pino bring hundreds more; one bundle in a few chunks starts much
// faster. The library entry points ("." and "./verifier") stay tsc's dist/*.js.
//
// Usage: node scripts/bundle-cli.mjs   (npm run build runs it)
import { build } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = `${root}dist/cli-bundle`;

// Loaded only when needed, and heavy or awkward to bundle (native binaries and
// downloads, decorators metadata): they stay in node_modules, imported at run time.
// @smithy/signature-v4 (the AWS SDK's signer) loads only when an admin token is set and an IAM call
// arrives; bundled, its @smithy/core has classes whose names clash across modules (see the check below).
// Everything else (our code, jose, fastify, pino, ajv, ...) is bundled.
const external = ['mongodb', 'mongodb-memory-server', '@peculiar/x509', 'reflect-metadata', '@smithy/signature-v4'];

// Chunk names carry a content hash: clear out the previous build's files.
await rm(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // tsc's output, so the bundle runs exactly the JavaScript the tests import
  // (esbuild follows its source maps back to src/).
  entryPoints: ['dist/cli/bin.js'],
  outdir,
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
  sourcemap: 'linked',
  logLevel: 'warning',
});

// A class renamed to dodge a clash (`class JWTExpired2`) would change error names.
for (const file of (await readdir(outdir)).filter((f) => f.endsWith('.js'))) {
  const renamed = (await readFile(`${outdir}/${file}`, 'utf8')).match(/\bclass [A-Za-z_$][\w$]*?\d+\b/g);
  if (renamed) throw new Error(`bundle-cli: esbuild renamed classes in ${file} (${[...new Set(renamed)].join(', ')}): set keepNames, or rename them at the source`);
}
