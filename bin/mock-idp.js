#!/usr/bin/env node
// The CLI, bundled (npm install builds dist/ through the "prepare" script; see scripts/bundle-cli.mjs).
import '../dist/cli-bundle/bin.js';
