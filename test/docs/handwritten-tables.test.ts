/**
 * The reference tables written by hand list every code the code declares: the OAuth2 errors
 * (docs/reference/oauth2.md), the App Services errors (docs/reference/app-services-api.md) and the
 * verifier's checks and their codes (docs/reference/verifier-library.md, against `verificationChecks`). A code added to the code
 * without a row fails here.
 */
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { appServicesErrorCodes } from '../../src/app-services/errors.js';
import { oauthErrorCodes } from '../../src/cognito/oauth-errors.js';
import { verificationChecks } from '../../src/verifier/checks.js';
import { verificationErrorCodes } from '../../src/verifier/errors.js';

const page = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The section of a page under a heading, up to the next heading of the same level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.split(' ')[0]!;
  const end = text.indexOf(`\n${level} `, start + heading.length + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

t.test('the OAuth2 page says when each OAuth2 error is answered', async (t) => {
  const errors = section(await page('docs/reference/oauth2.md'), '## Errors');
  for (const code of Object.keys(oauthErrorCodes)) t.match(errors, new RegExp(`^\\| \`${code}\` \\| [^|]+ \\| [^|]+ \\|$`, 'm'), code);
});

t.test('the App Services API page lists every error code with its status', async (t) => {
  const text = await page('docs/reference/app-services-api.md');
  for (const [code, { status }] of Object.entries(appServicesErrorCodes)) t.match(text, new RegExp(`\\| \`${code}\` \\| ${status} \\|`), code);
});

t.test("the verifier's checks table has a row per check, in order, with the codes each rejects with", async (t) => {
  const checks = section(await page('docs/reference/verifier-library.md'), '## What it checks, in order');
  const rows = [...checks.matchAll(/^\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \|$/gm)];
  t.same(
    rows.map((r) => r[1]),
    Object.keys(verificationChecks),
    'the steps of verificationChecks, in order',
  );
  for (const [, step, otherwise] of rows) {
    for (const code of verificationChecks[step as keyof typeof verificationChecks] ?? []) t.match(otherwise!, `\`${code}\``, `${step}: ${code}`);
  }
  for (const code of Object.keys(verificationErrorCodes)) t.match(checks, `\`${code}\``, code);
});
