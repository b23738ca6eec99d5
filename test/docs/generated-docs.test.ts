/**
 * The generated documentation (scripts/docs/, `npm run docs`): every page's generated regions are what
 * the code generates now, and the facts the reference pages exist for are there: every scenario with its
 * verdict, every error code with its status, every verification code, every configuration key and
 * environment variable, every CLI command's help.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { configurationPage, documentedPaths, documentedSettings, environmentBySetting, serveFlags } from '../../scripts/docs/configuration.js';
import { generatedPages } from '../../scripts/docs/pages.js';
import { countRegions, fillRegions, regionEnd, regionStart } from '../../scripts/docs/regions.js';
import { commands } from '../../src/cli/main.js';
import { serveCommand } from '../../src/cli/serve.js';
import { environmentVariables, loadConfig } from '../../src/config/load-config.js';
import { errorCodes } from '../../src/errors.js';
import { operations } from '../../src/routes/cognito-api/registry.js';
import { scenarios } from '../../src/tokens/scenarios.js';
import { verificationErrorCodes } from '../../src/verifier/errors.js';

const root = new URL('../../', import.meta.url);
const page = (path: string) => readFile(new URL(path, root), 'utf8');

for (const generated of generatedPages) {
  t.test(`${generated.path} is what the code generates (run \`npm run docs\` after changing the code)`, async (t) => {
    const committed = await page(generated.path);
    t.equal(committed, fillRegions(committed, await generated.regions(), generated.path));
  });
}

/** The text of a page's `n`th generated region. */
async function region(path: string, n: number): Promise<string> {
  const text = await page(path);
  const start = text.split(regionStart)[n + 1];
  if (start === undefined) throw new Error(`${path} has no generated region ${n}`);
  return start.slice(0, start.indexOf(regionEnd));
}

t.test("the scenario page lists every scenario, in the table's order, with its verdict", async (t) => {
  const table = await region('docs/reference/scenarios.md', 0);
  const rows = [...table.matchAll(/^\| \[`([a-z0-9-]+)`\]\(#\1\) \| (accepts|rejects `([A-Z_]+)`) \|/gm)];
  t.same(
    rows.map((r) => r[1]),
    scenarios.map((s) => s.name),
    'same scenarios, same order',
  );
  for (const [, name, , code] of rows) {
    const expected = scenarios.find((s) => s.name === name)!.expected;
    t.same(code === undefined ? { accept: true } : { accept: false, code }, expected, `${name}: same verdict`);
  }
});

t.test('the error page lists every error code with its status, and every verification code', async (t) => {
  const codes = await region('docs/reference/errors.md', 0);
  for (const [code, { status }] of Object.entries(errorCodes)) t.match(codes, new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, 'm'), code);
  const verification = await region('docs/reference/errors.md', 1);
  for (const code of Object.keys(verificationErrorCodes)) t.match(verification, new RegExp(`^\\| \`${code}\` \\| `, 'm'), code);
});

t.test('the configuration page lists every key and every environment variable', async (t) => {
  const text = await page(configurationPage.path);
  for (const name of Object.keys(environmentVariables)) t.match(text, `\`${name}\``, name);
  const settings = await region(configurationPage.path, 0);
  for (const path of documentedPaths().filter((p) => !p.includes('[]') && !p.startsWith('claimRules.') && p !== 'generatedBy')) {
    t.match(settings, `| \`${path}\` |`, path);
  }
});

t.test('every configuration key says what it does (a `description` in src/config/schema.ts)', async (t) => {
  t.same(
    documentedSettings()
      .filter((s) => !s.schema.description)
      .map((s) => s.path),
    [],
  );
});

t.test('the flags and variables the configuration page names exist', async (t) => {
  for (const [path, flag] of Object.entries(serveFlags)) {
    t.ok(documentedPaths().includes(path), `${path} is a setting`);
    t.match(serveCommand.help, new RegExp(`^ *${flag.split(' ')[0]} `, 'm'), `${flag} is a serve option`);
  }
  const paths = documentedPaths();
  for (const [setting, { name }] of environmentBySetting()) {
    t.ok(paths.includes(setting), `${name} sets ${setting}, a setting`);
  }
});

t.test("the configuration page's example config file loads", async (t) => {
  const text = await page(configurationPage.path);
  const example = /```json\n(\{[\s\S]*?\n\})\n```/.exec(text)?.[1];
  if (!example) return t.fail('no example config file (a ```json block holding an object)');
  const dir = t.testdir({ 'mock-idp.json': example });
  const { config } = await loadConfig({ file: join(dir, 'mock-idp.json') });
  t.equal(config.defaultPool, JSON.parse(example).pools[0].id, 'its first pool is the default pool');
});

t.test("the CLI page shows every command's help as the CLI prints it", async (t) => {
  const text = await page('docs/reference/cli.md');
  for (const command of commands) t.ok(text.includes(`\`\`\`\n${command.help}\n\`\`\``), `mock-idp ${command.name} --help`);
});

t.test('every Cognito operation says what it does, in a line', async (t) => {
  for (const [name, op] of Object.entries(operations)) {
    t.ok(op.summary.length > 0 && !op.summary.includes('\n'), name);
    t.ok(op.access === 'iam' || !name.startsWith('Admin'), `${name}: every Admin* operation needs IAM credentials in Cognito`);
  }
});

t.test('generated regions: only the regions change, and a page must have as many as are generated', async (t) => {
  const before = `# Title\n\nProse.\n\n${regionStart}\nold table\n${regionEnd}\n\nMore prose.\n\n${regionStart}\n${regionEnd}\n`;
  const after = fillRegions(before, ['| a |\n', 'second'], 'page.md');
  t.equal(after, `# Title\n\nProse.\n\n${regionStart}\n| a |\n${regionEnd}\n\nMore prose.\n\n${regionStart}\nsecond\n${regionEnd}\n`);
  t.equal(fillRegions(after, ['| a |', 'second'], 'page.md'), after, 'filling again changes nothing');
  t.equal(countRegions(after), 2);
  t.throws(() => fillRegions(before, ['one'], 'page.md'), /page\.md has 2 generated region\(s\) and npm run docs makes 1/);
  t.throws(() => fillRegions(`${regionStart}\nnever closed\n`, ['x'], 'page.md'), /not closed/);
});
