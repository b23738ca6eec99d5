import { readFileSync } from 'node:fs';
import type { Verdict } from '../../src/verifier/errors.js';
import { cell, code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';
import { verdictText } from './scenarios.js';

/**
 * docs/reference/verifier-matrix.md, from page/matrix.json: the matrix that `npm run matrix -- --write-json`
 * records from a live run of every scenario through every verifier library (test/matrix/matrix.ts), and
 * that test/matrix/matrix.test.ts holds equal to a fresh run. The page shows the same tables as the
 * teaching page's Matrix panel, with the reason recorded for every cell that differs from the expected verdict.
 */
export const verifierMatrixPage: GeneratedPage = {
  path: 'docs/reference/verifier-matrix.md',
  regions: () => [renderVerifierMatrix(readMatrixJson())],
};

/** The shape of page/matrix.json (written by `renderMatrixJson` in test/matrix/matrix.ts). */
export interface MatrixJson {
  tables: Array<{
    tokenUse: 'id' | 'access';
    columns: Array<{ library: string; header: string }>;
    rows: Array<{ scenario: string; expected: Verdict; cells: Array<{ text: string; asExpected: boolean; note: string | null; fix: string | null }> }>;
    legend: string[];
  }>;
}

export const matrixJsonPath = 'page/matrix.json';

export function readMatrixJson(): MatrixJson {
  return JSON.parse(readFileSync(new URL(`../../${matrixJsonPath}`, import.meta.url), 'utf8')) as MatrixJson;
}

export function renderVerifierMatrix(matrix: MatrixJson): string {
  const sections = matrix.tables.map((t) => {
    const [about = '', ...marks] = t.legend;
    return [
      `### ${t.tokenUse === 'id' ? 'ID' : 'Access'} tokens`,
      '',
      table(
        ['scenario', 'expected', ...t.columns.map((c) => c.header)],
        t.rows.map((row) => [code(row.scenario), verdictText(row.expected), ...row.cells.map((c) => c.text)]),
      ),
      '',
      about,
      ...marks.map((line) => `- ${line}`),
    ].join('\n');
  });
  const seen = new Set<string>();
  const differences: string[][] = [];
  for (const t of matrix.tables) {
    for (const row of t.rows) {
      row.cells.forEach((c, i) => {
        const library = t.columns[i]!.header;
        const key = `${row.scenario}\0${library}`;
        if (c.asExpected || seen.has(key)) return;
        seen.add(key);
        differences.push([code(row.scenario), cell(library), cell(c.note ?? 'no reason recorded'), cell(c.fix ?? 'none recorded')]);
      });
    }
  }
  const recorded = [
    '### Recorded differences',
    '',
    'Every ⚠️ cell above, once, with the reason and the source recorded for it in test/compat/matrix.ts, and what would make the library decide as expected.',
    '',
    table(['scenario', 'verifier', 'why it differs (source)', 'fix'], differences),
  ].join('\n');
  return [...sections, recorded].join('\n\n');
}
