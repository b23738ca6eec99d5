import { readFile } from 'node:fs/promises';
import t from 'tap';
import { environmentVariables } from '../src/config/load-config.js';
import { errorCodes } from '../src/errors.js';
import { scenarios } from '../src/tokens/scenarios.js';
import { verificationErrorCodes } from '../src/verifier/errors.js';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

t.test('the README opens with the install, start and test commands', async (t) => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
  t.same(
    firstBlock.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, '')),
    ['npm install', 'npm start', 'npm test'],
  );
});

t.test('the README\'s scenario table matches the scenario table', async (t) => {
  const section = readme.slice(readme.indexOf('\n## Scenarios'), readme.indexOf('\n## Keys and rotation'));
  const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (accepts|rejects `([A-Z_]+)`) \|/gm)];
  t.same(rows.map((r) => r[1]), scenarios.map((s) => s.name), 'same scenarios, same order');
  for (const [, name, , code] of rows) {
    const expected = scenarios.find((s) => s.name === name)!.expected;
    t.same(code === undefined ? { accept: true } : { accept: false, code }, expected, `${name}: same verdict`);
  }
});

t.test('every error code is in the README\'s error table with its status', async (t) => {
  for (const [code, { status }] of Object.entries(errorCodes)) {
    t.match(readme, new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, 'm'), code);
  }
});

t.test('every verification code is in the verifier library\'s table', async (t) => {
  const section = readme.slice(readme.indexOf('\n## Verifier library'), readme.indexOf('\n## Configuration'));
  for (const code of Object.keys(verificationErrorCodes)) t.match(section, new RegExp(`^\\| \`${code}\` \\| `, 'm'), code);
});

t.test('every environment variable is documented', async (t) => {
  for (const name of Object.keys(environmentVariables)) t.match(readme, name);
});
