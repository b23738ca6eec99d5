#!/usr/bin/env node
// The coverage floor. After a suite run with coverage (`npm run coverage`; CI runs the suite that way), prints the
// coverage summary and fails when statements, branches, functions or lines fall below the floor kept in package.json
// ("tap": { "statements", "branches", "functions", "lines" }, in percent).
//
//   node scripts/coverage-floor.mjs          report, then check against the floor
//   node scripts/coverage-floor.mjs --set    report, then write today's level minus a hair as the floor
//
// Why tap's own end-of-run report is not used: the tests run TypeScript through tsx, whose source maps leave out the
// sources' text (`sourcesContent: [null]`) unless NODE_V8_COVERAGE is set, and c8 then maps every file onto an empty
// source and reports 100% of one line. The recorded maps are mended first (the empty entries dropped, so c8 reads
// each source from disk), then the report is made from the mended data.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const recorded = join(root, '.tap', 'coverage');
const summaryFile = join(root, '.tap', 'report', 'coverage-summary.json');
const packageFile = join(root, 'package.json');
const metrics = ['statements', 'branches', 'functions', 'lines'];
/** Points below today's level: coverage moves a little between runs (timing-dependent paths). */
const hair = 0.5;

const files = existsSync(recorded) ? readdirSync(recorded).filter((name) => name.endsWith('.json')) : [];
if (files.length === 0) {
  console.error('coverage-floor: no coverage recorded in .tap/coverage: run the suite with coverage first (npm run coverage)');
  process.exit(1);
}

for (const name of files) {
  const file = join(recorded, name);
  const coverage = JSON.parse(readFileSync(file, 'utf8'));
  let mended = 0;
  for (const entry of Object.values(coverage['source-map-cache'] ?? {})) {
    const content = entry?.data?.sourcesContent;
    if (Array.isArray(content) && content.every((text) => text === null || text === undefined)) {
      delete entry.data.sourcesContent;
      mended += 1;
    }
  }
  if (mended > 0) writeFileSync(file, JSON.stringify(coverage));
}

const report = spawnSync('npx', ['--no-install', 'tap', 'report', 'text-summary', 'json-summary'], { cwd: root, stdio: 'inherit' });
if (report.status !== 0 || !existsSync(summaryFile)) {
  console.error(`coverage-floor: tap report failed (exit ${report.status ?? report.signal})`);
  process.exit(1);
}
const total = JSON.parse(readFileSync(summaryFile, 'utf8')).total;
const pkg = JSON.parse(readFileSync(packageFile, 'utf8'));

if (process.argv.includes('--set')) {
  for (const metric of metrics) pkg.tap[metric] = Math.max(0, Math.floor((total[metric].pct - hair) * 10) / 10);
  writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
  console.log(`coverage-floor: floor set in package.json: ${metrics.map((m) => `${m} ${pkg.tap[m]}%`).join(', ')}`);
  process.exit(0);
}

if (metrics.every((metric) => pkg.tap[metric] === undefined)) {
  console.log('coverage-floor: no floor set yet; after a full, green run with coverage: node scripts/coverage-floor.mjs --set');
  process.exit(0);
}
const below = [];
for (const metric of metrics) {
  const floor = pkg.tap[metric] ?? 0;
  const pct = total[metric].pct;
  console.log(`coverage-floor: ${metric.padEnd(10)} ${pct.toFixed(2).padStart(6)}%  (floor ${floor}%)${pct < floor ? '  BELOW' : ''}`);
  if (pct < floor) below.push(metric);
}
if (below.length > 0) {
  console.error(
    `coverage-floor: ${below.join(', ')} coverage fell below the floor in package.json ("tap"). Cover the new code with tests;` +
      ' if the drop is intended (well-covered code removed), lower the floor with: node scripts/coverage-floor.mjs --set',
  );
  process.exit(1);
}
