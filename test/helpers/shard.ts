/**
 * Runs the suite's test files in a few processes instead of one each.
 *
 * tap spawns a process per test file, and each pays ~2–3 s of CPU before its first test: node's start,
 * tap and its plugins, tsx's loader hooks, the server's modules. With ~150 files that was most of the suite's
 * time. A shard (test/shards/shard-<n>.test.ts) imports its share of the files one after another in one process:
 * each file's tests run on tap's root test exactly as they do alone, and the next file is imported only once
 * every test the previous one registered has finished, so no file's set-up overlaps another's tests (some
 * tests change process.env or globalThis.fetch for their duration).
 *
 * Files that must have a process of their own are listed in package.json's `tap.include` next to the shards;
 * the shards leave them out. Any file runs alone as before: `npx tap test/cognito-api/groups.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shardsDir = fileURLToPath(new URL('../shards/', import.meta.url));

/** Test files run in processes of their own: package.json `tap.include` entries other than the shards. */
function soloFiles(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { tap: { include: string[] } };
  return new Set(pkg.tap.include.filter((entry) => !entry.startsWith('test/shards/')));
}

/** Every `*.test.ts` under test/, repo-relative, sorted; the shards themselves and fixtures excluded. */
export function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!/^(fixtures?|node_modules|consumer|dist)$/.test(entry.name) && path !== shardsDir.replace(/\/$/, '')) walk(path);
      } else if (entry.name.endsWith('.test.ts')) {
        found.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'test'));
  return found.sort();
}

/** The files of shard `index` (0-based) of `count`: every file not run alone, dealt round-robin. */
export function shardFiles(index: number, count: number): string[] {
  const solo = soloFiles();
  return testFiles().filter((file) => !solo.has(file)).filter((_, i) => i % count === index);
}

/** Imports the shard's files in turn, each once the previous file's tests have all ended. */
export async function runShard(shardUrl: string): Promise<void> {
  const shards = readdirSync(shardsDir).filter((name) => /^shard-\d+\.test\.ts$/.test(name)).length;
  const index = Number(/shard-(\d+)\.test\.ts$/.exec(shardUrl)![1]) - 1;
  const files = shardFiles(index, shards);
  t.setTimeout(Math.max(files.length, 1) * 120_000);
  // Collect the root-level tests each file registers, to wait for them before the next file.
  const pending: Promise<unknown>[] = [];
  const register = t.test.bind(t);
  t.test = ((...args: Parameters<typeof t.test>) => {
    const result = register(...args);
    pending.push(result);
    return result;
  }) as typeof t.test;
  for (const file of files) {
    t.comment(file);
    try {
      await import(pathToFileURL(join(root, file)).href);
    } catch (error) {
      t.fail(`${file} failed to load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    await Promise.allSettled(pending.splice(0));
  }
}
