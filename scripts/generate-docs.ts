/**
 * `npm run docs`: rewrites the generated regions of the documentation pages listed in
 * scripts/docs/pages.ts from the code that holds their tables (the operation registry, the config
 * schema, the error codes, the scenario table, the CLI's help, the recorded verifier matrix), so that
 * none is copied by hand. It writes only those pages. test/docs/generated-docs.test.ts fails while
 * one is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { generatedPages } from './docs/pages.js';
import { fillRegions } from './docs/regions.js';

const root = new URL('../', import.meta.url);

for (const page of generatedPages) {
  const file = new URL(page.path, root);
  const current = await readFile(file, 'utf8');
  const next = fillRegions(current, await page.regions(), page.path);
  if (next === current) {
    console.log(`${page.path}: up to date`);
  } else {
    await writeFile(file, next);
    console.log(`${page.path}: written`);
  }
}
