/**
 * What every fuzz test shares: how many cases to run (bounded for the suite,
 * `FUZZ_RUNS` for longer runs, `npm run fuzz`), a fixed or given seed
 * (`FUZZ_SEED`), a report that puts the number of cases, and on failure the
 * seed and path to replay it, in the tap output, and a guard that fails the
 * file on any unhandled rejection or uncaught exception.
 */
import fc from 'fast-check';
import type { Test } from 'tap';

/** Cases per property: `FUZZ_RUNS` when set, else the file's bounded default. */
export function fuzzRuns(suiteDefault: number): number {
  const fromEnv = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : suiteDefault;
}

/** `FUZZ_SEED` replays a reported failure; otherwise fast-check draws a seed (and reports it on failure). */
function fuzzSeed(): number | undefined {
  const seed = Number(process.env['FUZZ_SEED']);
  return process.env['FUZZ_SEED'] !== undefined && Number.isInteger(seed) ? seed : undefined;
}

/** Totals of this process, printed by {@link guardProcess} at the end. */
const totals = { properties: 0, cases: 0 };

/**
 * Runs an async property and reports it: `# fuzz <name>: N cases, seed S` as a
 * comment, and on failure a test failure with fast-check's report (the seed,
 * the path and the counterexample), so `FUZZ_SEED=S` replays it.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(t: Test, name: string, property: fc.IAsyncPropertyWithHooks<Ts>, numRuns: number): Promise<void> {
  const seed = fuzzSeed();
  const details = await fc.check(property, { numRuns, ...(seed === undefined ? {} : { seed }), endOnFailure: false });
  totals.properties++;
  totals.cases += details.numRuns;
  t.comment(`fuzz ${name}: ${details.numRuns} cases, seed ${details.seed}`);
  if (details.failed) {
    t.fail(`${name}: property failed (replay: FUZZ_SEED=${details.seed}, path ${details.counterexamplePath})\n${fc.defaultReportMessage(details)}`);
  } else {
    t.pass(`${name}: ${details.numRuns} cases`);
  }
}

/**
 * Fails the file on any unhandled rejection or uncaught exception while it
 * runs: call it first (it starts listening), and `check()` after the last
 * test (a final test that asserts none happened and prints the totals).
 *
 * @example
 * const guard = guardProcess(t);
 * t.test('…', …);
 * guard.check();
 */
export function guardProcess(t: Test): { check: () => void } {
  const problems: string[] = [];
  const onRejection = (reason: unknown) => problems.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`);
  const onException = (error: Error) => problems.push(`uncaughtException: ${error.stack ?? String(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  t.teardown(() => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });
  return {
    check: () =>
      void t.test('no unhandled rejection or uncaught exception', async (t) => {
        // Let stray rejections of the last case surface first.
        await new Promise((resolve) => setImmediate(resolve));
        t.same(problems, []);
        t.comment(`fuzz total: ${totals.properties} properties, ${totals.cases} cases`);
      }),
  };
}

/** `encodeURIComponent` for any string (lone surrogates made well-formed first). */
export function encodeSegment(s: string): string {
  return encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed());
}

/** Strings a surface may choke on: empty, huge, unicode (astral, RTL, NUL), JSON-ish, path-ish, numbers. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  fc.constantFrom('', ' ', '\u0000', '\ud800', '🔑', '‮', '%00', '%', '../..', '{}', '[]', 'null', 'true', '-1', '1e309', 'NaN', '__proto__', 'constructor', 'a'.repeat(5000)),
  fc.json({ maxDepth: 2 }),
);

/** Any JSON value, with nasty strings, nested a little; plus objects with `__proto__` keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
);

/** A JSON object whose keys come from `names` (the fields a surface reads) or anywhere, with any values. */
export function objectWith(names: readonly string[], values: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 4 }, nastyString), values, { maxKeys: 6 });
}

/** What to send as a body: JSON text of any value, broken JSON, a form, nothing, or something big. */
export function bodyText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: value.map((v) => JSON.stringify(v) ?? 'null'), weight: 6 },
    fc.constant(undefined),
    nastyString,
    value.map((v) => `${JSON.stringify(v) ?? ''}}`),
    fc.constant(`{"a":"${'x'.repeat(70_000)}"}`),
    fc.constant('{"a":1,"a":2}'),
  );
}

/** Content types: the right ones, wrong ones, broken ones, or none. */
export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-amz-json-1.1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/jsonx',
  ';;',
  undefined,
);
