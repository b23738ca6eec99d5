import { api } from './api.js';
import { byId, h, show, type Child } from './dom.js';
import { mintFromForm, setMintForm } from './mint-view.js';
import { state } from './state.js';
import { onTabShown, showTab } from './tabs.js';
import type { MatrixData } from './types.js';
import { useMintedToken, verifyToken } from './verify-view.js';
import type { TokenUse, Verdict } from './wire.js';

let data: MatrixData | null = null;

const expectedText = (v: Verdict) => (v.accept ? 'accepts' : `rejects ${v.code}`);

/** The matrix's marks (docs/reference/verifier-matrix.md) in characters every font has: a projector's machine may have no emoji font. */
const plainMarks = (text: string) => text.replaceAll('✅', '✓').replaceAll('❌', '✗').replaceAll('⚠️', '⚠');

/** `ERR_JWT_EXPIRED` with a line-break opportunity after each underscore, and nowhere else inside a code. */
function breakAtUnderscores(text: string): Child[] {
  return text.split('_').flatMap((part, i, parts) => (i < parts.length - 1 ? [`${part}_`, h('wbr')] : [part]));
}

/** `requiredClaims: ['sub']` and the like: the parts of a fix in backticks as code, the rest as text. */
function withCode(text: string): Child[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? h('code', {}, part) : part));
}

/**
 * Mints the scenario's token as the matrix's table has it, then verifies it:
 * the Verify panel shows why, and the focus goes to its verdict.
 */
async function tryScenario(scenario: string, tokenUse: TokenUse): Promise<void> {
  showTab('mint');
  setMintForm({ pool: state.defaultPool, client: 'spa', user: 'alice', tokenUse, scenario });
  await mintFromForm();
  showTab('verify');
  useMintedToken();
  await verifyToken();
  const verdict = byId('verify-verdict');
  if (!byId('verify-result').querySelector('tr.failed')) verdict.scrollIntoView({ block: 'nearest' });
  verdict.focus({ preventScroll: true });
}

/** The notes of the ⚠ cells, grouped by library, each numbered for the cells that link to it, with the library's fix. */
interface Note {
  number: number;
  column: number;
  scenario: string;
  text: string;
  fix: string | null;
}

/** The link from a note back to its cell. */
const backTo = (note: Note) => h('a', { href: `#matrix-cell-${note.number}`, class: 'back' }, 'back to the table');

/** The matrix for the chosen token type: a row per scenario, a column per verifier; each ⚠️ cell linked to its note. */
function render(): void {
  const view = byId('matrix-view');
  const tokenUse = byId<HTMLSelectElement>('matrix-token-use').value as TokenUse;
  const table = data?.tables.find((t) => t.tokenUse === tokenUse);
  if (!table) return show(view, h('p', {}, 'No matrix for these tokens.'));
  // Numbered column by column, so each library's notes are one run of numbers.
  const notes: Note[] = [];
  table.columns.forEach((_, column) => {
    for (const row of table.rows) {
      const cell = row.cells[column];
      if (cell?.note) notes.push({ number: notes.length + 1, column, scenario: row.scenario, text: cell.note, fix: cell.fix ?? null });
    }
  });
  const noteOf = (column: number, scenario: string) => notes.find((n) => n.column === column && n.scenario === scenario);
  const body = table.rows.map((row) =>
    h(
      'tr',
      { 'data-scenario': row.scenario, class: 'try-row' },
      h(
        'th',
        { scope: 'row' },
        h('code', {}, row.scenario),
        h(
          'button',
          { type: 'button', class: 'small secondary try', 'data-try': row.scenario, 'aria-label': `Try it: mint and verify ${row.scenario}` },
          'Try it',
        ),
      ),
      h('td', { 'data-label': 'expected' }, ...breakAtUnderscores(expectedText(row.expected))),
      ...row.cells.map((cell, i) => {
        const note = noteOf(i, row.scenario);
        return h(
          'td',
          { class: cell.asExpected ? null : 'unexpected', 'data-label': table.columns[i]!.header, id: note ? `matrix-cell-${note.number}` : null },
          ...breakAtUnderscores(plainMarks(cell.text)),
          note ? h('sup', {}, ' ', h('a', { href: `#matrix-note-${note.number}` }, `[${note.number}]`)) : null,
        );
      }),
    ),
  );
  const groups = table.columns
    .map((column, i) => ({ column, notes: notes.filter((n) => n.column === i) }))
    .filter((g) => g.notes.length > 0)
    .map(({ column, notes: own }) =>
      h(
        'li',
        {},
        h('h4', {}, column.header),
        h(
          'ol',
          { start: own[0]!.number },
          ...own.map((n) =>
            h(
              'li',
              { id: `matrix-note-${n.number}`, 'data-scenario': n.scenario },
              h('code', {}, n.scenario),
              ': ',
              ...withCode(n.text),
              ' ',
              n.fix ? h('span', { class: 'fix' }, h('strong', {}, 'Fix: '), ...withCode(n.fix), ' ', backTo(n)) : backTo(n),
            ),
          ),
        ),
      ),
    );
  show(
    view,
    h(
      'table',
      { class: 'matrix', id: 'matrix-table' },
      h('caption', {}, `Every scenario, as ${tokenUse === 'id' ? 'an ID' : 'an access'} token, through real verifier libraries (generated by npm run matrix). Click a row (or its Try it button) to mint the scenario's token and verify it here.`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'scenario'), h('th', { scope: 'col' }, 'expected'), ...table.columns.map((c) => h('th', { scope: 'col' }, c.header)))),
      h('tbody', {}, ...body),
    ),
    h('ul', { class: 'note' }, ...table.legend.map((line) => h('li', {}, plainMarks(line)))),
    groups.length ? h('h3', {}, 'Why the ⚠ cells differ, library by library, and the option that fixes it') : null,
    groups.length ? h('ul', { class: 'matrix-notes', id: 'matrix-notes' }, ...groups) : null,
  );
}

/** The Matrix panel: `page/matrix.json`, which the project's matrix code writes and its test pins. */
export function initMatrixView(): void {
  byId('matrix-token-use').addEventListener('change', render);
  // A click anywhere on a row tries its scenario (but a note's link only jumps to the note); the keyboard path is the row's button.
  byId('matrix-view').addEventListener('click', (event) => {
    const target = event.target as Element;
    if (target.closest('a')) return;
    const scenario = target.closest<HTMLElement>('[data-try]')?.dataset.try ?? target.closest<HTMLElement>('tr.try-row')?.dataset.scenario;
    if (!scenario) return;
    const tokenUse = byId<HTMLSelectElement>('matrix-token-use').value as TokenUse;
    // Mint and Verify show their own errors in their panels.
    tryScenario(scenario, tokenUse).catch(() => {});
  });
  onTabShown((tab) => {
    if (tab !== 'matrix' || data) return;
    api
      .matrix()
      .then((loaded) => {
        data = loaded;
        render();
      })
      .catch((e: Error) => show(byId('matrix-view'), h('p', { class: 'error', role: 'alert' }, e.message)));
  });
}
