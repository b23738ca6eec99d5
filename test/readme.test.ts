/**
 * The README is the front door: it opens with the three commands a fresh clone needs, stays short, and
 * sends readers into docs/. The facts it used to hold are tested where they now live: the generated
 * reference pages in test/docs/generated-docs.test.ts, every link in test/docs/links.test.ts.
 */
import { readFile } from 'node:fs/promises';
import t from 'tap';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

t.test('the README opens with the install, start and test commands', async (t) => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
  t.same(
    firstBlock
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/\s+#.*$/, '')),
    ['npm install', 'npm start', 'npm test'],
  );
});

t.test('npm start is the one command that starts the server', async (t) => {
  const { scripts } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  t.match(scripts.start, /\bserve\b/, 'npm start serves');
});

t.test('the README fits on a few screens', async (t) => {
  t.ok(readme.split('\n').length <= 200, `${readme.split('\n').length} lines, at most 200: details belong in docs/`);
});

t.test('the README has its three quick starts and points into docs/', async (t) => {
  for (const heading of ['## In a test, with `startMockIdp`', '## As a docker-compose service', '## By hand, with the CLI and the teaching page', '## Documentation']) {
    t.ok(readme.includes(`\n${heading}\n`), heading);
  }
  t.match(readme, '](docs/README.md)', 'the docs index');
  t.match(readme, '](CONTRIBUTING.md)', 'how to work on mock-idp');
});
