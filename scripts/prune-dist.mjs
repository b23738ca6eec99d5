// Removes from dist/ what tsc built from sources that no longer exist (tsc never deletes its old output), so a
// checkout whose files moved packs and runs only what src/ holds. dist/cli-bundle/ is the bundler's (it keeps its
// own previous builds for running CLIs); everything else in dist/ comes from src/<same path>.ts. The build makes
// no source maps (the package does not ship src/), so maps left from older builds go too.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const outputs = /(\.d\.ts\.map|\.d\.ts|\.js\.map|\.js)$/;

function prune(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(dist, path);
    if (entry.isDirectory()) {
      if (rel !== 'cli-bundle') prune(path);
      continue;
    }
    if (!outputs.test(entry.name)) continue;
    const source = join(root, 'src', rel.replace(outputs, '.ts'));
    if (!existsSync(source) || entry.name.endsWith('.map')) {
      rmSync(path);
      console.log(`pruned dist/${rel}`);
    }
  }
}

if (existsSync(dist)) prune(dist);
