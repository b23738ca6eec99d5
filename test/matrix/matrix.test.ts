/**
 * The verifier matrix (matrix.ts, what `npm run matrix` prints) as a test:
 * every scenario of the table, as an ID and as an access token, minted over
 * HTTP by a live mock-idp and handed to every verifier adapter with a fresh
 * verifier per token.
 *
 * - mock-idp/verifier reaches every scenario's verdict, with its code;
 * - every other library reaches the scenario's verdict, or the difference
 *   recorded for it in test/compat/matrix.ts, and every recorded difference is
 *   real, explained and cites a file that exists;
 * - the App Services login (ID tokens only) refuses with 401 `AuthError`;
 * - docs/reference/verifier-matrix.md's ID-token table is the generated one, and page/matrix.json
 *   (the teaching page's Matrix panel) is the generated pair of tables.
 *
 * The verifiers read the real time, so the servers run on the system clock.
 * Nothing here sleeps.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { scenarios } from '../../src/tokens/scenarios.js';
import { appServicesLoginName } from '../compat/app-services-login.js';
import { differences, expectedAccept } from '../compat/matrix.js';
import { describeVerdict } from '../compat/verifiers.js';
import { columnsFor, matrixColumns, matrixJsonFile, renderMatrixJson, renderTable, runMatrix, startMatrixServers, type Matrix } from './matrix.js';

t.test('the difference matrix lists real scenarios, real differences and real sources', async (t) => {
  for (const [library, entries] of Object.entries(differences)) {
    for (const [name, difference] of Object.entries(entries)) {
      const scenario = scenarios.find((s) => s.name === name);
      t.ok(scenario, `${library}: "${name}" is a scenario`);
      t.not(difference!.accept, scenario?.expected.accept, `${library}: "${name}" is listed, so its verdict differs`);
      t.match(difference!.why, /\S.*\.$/, `${library}: "${name}" has a one-sentence reason`);
      t.match(difference!.fix, /\S.*\.$/, `${library}: "${name}" says what would fix it`);
      // Libraries cite their own code under node_modules; the App Services login cites the emulator's (src/).
      const root = difference!.source.startsWith('src/') ? '../../' : '../../node_modules/';
      const source = fileURLToPath(new URL(`${root}${difference!.source}`, import.meta.url));
      t.ok(existsSync(source), `${library}: "${name}" cites a file that exists (${difference!.source})`);
    }
  }
  t.same(differences['mock-idp/verifier'], {}, "the project's own verifier has no differences");
  t.same(Object.keys(differences).sort(), matrixColumns.map((c) => c.library).sort(), 'one entry per column of the matrix');
});

const servers = await startMatrixServers();
t.teardown(() => servers.close());
const matrices = new Map<TokenUse, Matrix>();

for (const tokenUse of ['id', 'access'] as const) {
  t.test(`every scenario, every verifier: ${tokenUse} tokens`, async (t) => {
    const matrix = await runMatrix(servers, tokenUse);
    matrices.set(tokenUse, matrix);
    t.match(matrix.targets.cognito.issuer, /^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w+$/, "CognitoJwtVerifier gets Cognito's issuer form");
    t.same(
      matrix.rows.map((r) => r.scenario.name),
      scenarios.map((s) => s.name),
      "a row per scenario, in the table's order",
    );
    t.equal(
      matrix.columns.some((c) => c.library === appServicesLoginName),
      tokenUse === 'id',
      'the App Services login: ID tokens only (it requires aud)',
    );

    for (const { scenario, mints, cells } of matrix.rows) {
      t.test(scenario.name, async (t) => {
        for (const mint of mints) {
          t.same(mint.expected, scenario.expected, `${mint.server} server reports the table's verdict`);
          if (scenario.signer === 'retiring' || scenario.signer === 'retired') {
            t.equal(mint.signedWith?.state, scenario.signer, `${mint.server} server: signed by a ${scenario.signer} key`);
          }
        }
        t.same(
          cells.map((c) => c.library),
          columnsFor(tokenUse).map((c) => c.library),
          'a cell per verifier',
        );
        for (const { library, verdict } of cells) {
          if (!verdict.accept) {
            // The adapter hands back the library's own error, not a generic one of its own making.
            t.notMatch(verdict.code, /^(Error|TypeError)$/, `${library}: rejection names the library's error (${describeVerdict(verdict)})`);
            t.ok(verdict.message, `${library}: rejection carries the library's message`);
          }
          if (library === 'mock-idp/verifier') {
            const observed = verdict.accept ? { accept: true } : { accept: false, code: verdict.by === 'library' ? verdict.code : `recipe ${verdict.code}` };
            t.same(observed, scenario.expected, `${library}, ${tokenUse} token: ${describeVerdict(verdict)}`);
            continue;
          }
          if (library === appServicesLoginName && !verdict.accept) t.equal(verdict.code, 'AuthError', `${library}: error_code AuthError`);
          const { accept, difference } = expectedAccept(library, scenario);
          const documented = difference ? `; documented difference: ${difference.why} [${difference.source}]` : '';
          t.equal(verdict.accept, accept, `${library}, ${tokenUse} token: ${describeVerdict(verdict)}${documented}`);
        }
      });
    }
  });
}

t.test('the verifier matrix page shows the generated matrix for ID tokens', async (t) => {
  const matrix = matrices.get('id');
  if (!matrix) return t.fail('the ID-token matrix did not run');
  const text = await readFile(new URL('../../docs/reference/verifier-matrix.md', import.meta.url), 'utf8');
  const start = text.indexOf('\n### ID tokens');
  const section = text.slice(start, text.indexOf('\n### ', start + 1));
  const table = /^\| scenario \| expected \|.*(?:\n\|.*)*/m.exec(section)?.[0];
  t.equal(table, renderTable(matrix), "docs/reference/verifier-matrix.md's ID-token table is what `npm run matrix` prints (`npm run matrix -- --write-json`, then `npm run docs`)");
});

t.test("the teaching page's page/matrix.json is the generated matrix", async (t) => {
  const id = matrices.get('id');
  const access = matrices.get('access');
  if (!id || !access) return t.fail('the matrices did not run');
  const file = await readFile(matrixJsonFile, 'utf8');
  t.equal(file, renderMatrixJson([id, access]), 'run `npm run matrix -- --write-json` to update it');
  const data = JSON.parse(file);
  const warned = data.tables.flatMap((table: any) => table.rows.flatMap((row: any) => row.cells.filter((c: any) => !c.asExpected)));
  t.ok(warned.length > 0 && warned.every((c: any) => c.text.startsWith('⚠️') && /\S.*\(.+\)$/.test(c.note)), 'every ⚠️ cell carries its recorded reason and source');
  t.ok(
    warned.every((c: any) => typeof c.fix === 'string' && c.fix.length > 0),
    "and the library's option that would fix it",
  );
});
