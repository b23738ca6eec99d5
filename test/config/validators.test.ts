import { readFile } from 'node:fs/promises';
import t from 'tap';
import { generatedFile, generatedTypesFile, typesSource, validatorsSource } from './generate-validators.js';

t.test('the precompiled config validators match src/config/schema.ts (else: npm run generate:validators)', async (t) => {
  t.equal(await readFile(generatedFile, 'utf8'), validatorsSource());
});

t.test('the config types match src/config/schema.ts (else: npm run generate:validators)', async (t) => {
  t.equal(await readFile(generatedTypesFile, 'utf8'), typesSource());
});
