/** Repeated measurements of one figure, and what the table shows of them. */

/** The middle value (the lower middle for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
}

/**
 * Ratios of `values` to `reference`, repeat by repeat (both were measured in
 * the same round, so load on the shared machine hits both alike), then their
 * median. Falls back to the ratio of medians when the counts differ.
 */
export function pairedRatio(values: readonly number[], reference: readonly number[]): number {
  if (values.length === reference.length && values.length > 0) return median(values.map((v, i) => v / reference[i]!));
  return median(values) / median(reference);
}

/** A number for the table: 3 significant digits, thousands grouped. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}
