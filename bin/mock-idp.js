#!/usr/bin/env node
// The CLI, bundled by `npm run build` (scripts/bundle-cli.mjs; an install from a checkout or a git URL
// builds through the "prepare" script). In a checkout, `npm run cli -- <command>` runs the sources instead.
//
// CommonJS (bin/package.json), unlike the rest of the package, to size libuv's threadpool before anything uses
// it: Node's ES module loader starts the pool as it reads the first module, and libuv reads UV_THREADPOOL_SIZE
// once, then. The server signs tokens on the pool. libuv's default is 4 threads whatever the machine; one per
// core (2 to 16) is better both ways. With more threads than cores, more jobs go to a sleeping thread that must
// be woken (on 2 cores, 2 threads served 5–10% more sign-ins than 4: docs/reference/performance.md); with fewer,
// cores stay idle. A UV_THREADPOOL_SIZE set (not empty) is kept.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const threadpoolSize = require('./threadpool-size.cjs');

process.env.UV_THREADPOOL_SIZE ||= String(threadpoolSize());

const bundle = join(__dirname, '../dist/cli-bundle/bin.js');
if (!existsSync(bundle)) {
  process.stderr.write('mock-idp: the CLI is not built (dist/cli-bundle/bin.js is missing): run `npm run build`, or `npm run cli -- <command>` to run the sources\n');
  process.exit(1);
}
import(pathToFileURL(bundle).href);
