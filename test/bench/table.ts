/** The one markdown table `npm run bench` prints. */
import { formatValue, median, pairedRatio } from './stats.js';

/** A target on a row's ratio to its reference (or, with `on: 'value'`, on the median itself). */
export interface Target {
  op: '≤' | '≥' | '<';
  value: number;
  on?: 'ratio' | 'value';
  unit?: string;
}

/** One row: a figure for one subject, its repeats, and what it is compared with. */
export interface Row {
  figure: string;
  subject: string;
  values: readonly number[];
  reference?: { name: string; values: readonly number[] };
  target?: Target;
}

export function renderTable(rows: readonly Row[]): string {
  const lines = ['| figure | subject | median | min–max | reference | ratio | target |', '| --- | --- | ---: | ---: | --- | ---: | --- |'];
  for (const row of rows) {
    const m = median(row.values);
    const range = `${formatValue(Math.min(...row.values))}–${formatValue(Math.max(...row.values))}`;
    const ratio = row.reference ? pairedRatio(row.values, row.reference.values) : Number.NaN;
    const reference = row.reference ? row.reference.name : '(reference)';
    const cells = [row.figure, row.subject, formatValue(m), range, reference, row.reference ? ratio.toFixed(2) : '1', target(row.target, ratio, m)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function target(t: Target | undefined, ratio: number, value: number): string {
  if (!t) return '';
  const x = t.on === 'value' ? value : ratio;
  const met = t.op === '≤' ? x <= t.value : t.op === '≥' ? x >= t.value : x < t.value;
  return `${t.op} ${t.value}${t.unit ?? '×'} ${met ? '✓' : '✗'}`;
}
