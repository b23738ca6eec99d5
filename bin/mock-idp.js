#!/usr/bin/env node
// The CLI, bundled by `npm run build` (scripts/bundle-cli.mjs; an install from a checkout or a git URL
// builds through the "prepare" script). In a checkout, `npm run cli -- <command>` runs the sources instead.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli-bundle/bin.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('mock-idp: the CLI is not built (dist/cli-bundle/bin.js is missing): run `npm run build`, or `npm run cli -- <command>` to run the sources\n');
  process.exit(1);
}
await import(bundle.href);
