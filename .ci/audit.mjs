// `npm audit --omit=dev --audit-level=high`, told apart from "the registry has no audit endpoint".
// Exit 1 when a high or critical advisory affects a production dependency; exit 0 with a loud
// notice when the registry cannot answer (some mirrors and proxies answer the audit POST with 405),
// because then there is nothing to judge. Any other failure of npm audit is a failure.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  console.error('npm audit: unreadable output');
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`);
  if (serious > 0) {
    spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { stdio: 'inherit' });
    process.exit(1);
  }
  process.exit(0);
}
if (typeof report.statusCode === 'number' && report.statusCode >= 400 && report.statusCode < 500 && String(report.uri ?? '').includes('/security/')) {
  console.log(`!! npm audit NOT RUN: the registry answered ${report.statusCode} to ${report.uri} (no audit endpoint on this registry); production dependencies unchecked`);
  process.exit(0);
}
console.error(`npm audit failed: ${report.message ?? JSON.stringify(report).slice(0, 500)}`);
process.exit(1);
