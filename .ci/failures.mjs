// Reprints the failures of a tap run at the end of CI's log, where they are seen: a log shown only by its tail
// would otherwise hide them thousands of lines up. Reads tap's TAP stream (the file given as argument) and prints,
// for every `not ok`, the test file, the chain of subtests leading to it, and its YAML diagnostic (shortened).
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const maxDiagLines = 24;
/** The open subtests' names, by depth (indent / 4). */
const path = [];
const failures = [];
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const indent = line.length - line.trimStart().length;
  const depth = Math.floor(indent / 4);
  // A shard (test/shards/) runs many test files in one process and names each in a comment before its tests.
  const shardFile = /^ {4}# (test\/\S+\.test\.ts)$/.exec(line);
  if (shardFile) {
    path.length = 1;
    path[0] = shardFile[1];
    continue;
  }
  const subtest = /^\s*# Subtest: (.*)$/.exec(line);
  if (subtest) {
    path.length = depth;
    path[depth] = subtest[1];
    continue;
  }
  const notOk = /^\s*not ok \d+ - (.*)$/.exec(line);
  if (!notOk) continue;
  const diag = [];
  if (lines[i + 1]?.trim() === '---') {
    for (let j = i + 2; j < lines.length && lines[j].trim() !== '...'; j++) diag.push(lines[j].slice(indent + 2));
  }
  // A failing file or parent also reports `not ok` for itself; only the deepest failures say what went wrong,
  // so a failure whose name is a parent of an already listed one is left out.
  const chain = [...path.slice(0, depth), notOk[1].replace(/ # (time=|TODO|SKIP).*$/, '')];
  failures.push({ chain, diag });
}
const isParentOf = (f, g) => g.chain.length > f.chain.length && f.chain.every((name, k) => g.chain[k] === name);
const leaves = failures.filter((f) => !failures.some((g) => isParentOf(f, g)));
if (leaves.length === 0) process.exit(0);
console.log(`\n== the ${leaves.length} failing test${leaves.length === 1 ? '' : 's'}`);
for (const { chain, diag } of leaves) {
  console.log(`\nnot ok: ${chain.join(' › ')}`);
  for (const d of diag.slice(0, maxDiagLines)) console.log(`    ${d}`);
  if (diag.length > maxDiagLines) console.log(`    … (${diag.length - maxDiagLines} more lines above in the log)`);
}
