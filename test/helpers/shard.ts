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
 * The shards of one tap run share a queue (see {@link claimQueue}): each takes the next file when it is free,
 * so they end within about one file of each other; files that start processes or a browser go first. Where the
 * run cannot be told apart from another (no /proc), each shard takes a fixed share instead ({@link shardFiles}).
 *
 * Files that must have a process of their own are listed in package.json's `tap.include` next to the shards;
 * the shards leave them out. Any file runs alone as before: `npx tap test/cognito-api/groups.test.ts`.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shardsDir = fileURLToPath(new URL('../shards/', import.meta.url));

/** Test files run in processes of their own: package.json `tap.include` entries other than the shards. */
export function soloFiles(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { tap: { include: string[] } };
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
        found.push(relative(repoRoot, path));
      }
    }
  };
  walk(join(repoRoot, 'test'));
  return found.sort();
}

/** Every file the shards run (all but those run alone), the slow kinds first: they start processes or a browser. */
export function queuedFiles(): string[] {
  const solo = soloFiles();
  const slow = (file: string) => /\b(startServe|spawn|execFile|launchBrowser|fork)\(/.test(readFileSync(join(repoRoot, file), 'utf8'));
  const files = testFiles().filter((file) => !solo.has(file));
  return [...files.filter(slow), ...files.filter((file) => !slow(file))];
}

/**
 * A queue the shards of one tap run share, in `dir`: a shard claims file i by creating `dir/i`, which only one
 * can. Returns the next file this shard claimed, or undefined once every file is claimed.
 */
export function claimQueue(dir: string, files: readonly string[]): () => string | undefined {
  mkdirSync(dir, { recursive: true });
  let next = 0;
  return () => {
    while (next < files.length) {
      const index = next++;
      try {
        mkdirSync(join(dir, String(index)));
        return files[index];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return undefined;
  };
}

/**
 * Where this run's queue lives: .tap/shards/<tap's pid>-<its start time> (the start time tells a reused pid
 * apart), or undefined without /proc. Queues of earlier runs older than a day are removed.
 */
function queueDir(): string | undefined {
  let started: string;
  try {
    started = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;
  } catch {
    return undefined;
  }
  const base = join(repoRoot, '.tap', 'shards');
  for (const old of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const path = join(base, old.name);
    if (statSync(path).mtimeMs < Date.now() - 86_400_000) rmSync(path, { recursive: true, force: true });
  }
  return join(base, `${process.ppid}-${started}`);
}

/** The files of shard `index` (0-based) of `count` when there is no shared queue: dealt round-robin. */
export function shardFiles(index: number, count: number): string[] {
  const solo = soloFiles();
  return testFiles()
    .filter((file) => !solo.has(file))
    .filter((_, i) => i % count === index);
}

/**
 * Imports the shard's files in turn. Each file has the root test to itself while it runs, as it would alone:
 * - the next file is imported only once every test the file registered has ended;
 * - its root-level teardowns (servers it started) run then, not at the end of the process;
 * - its root-level beforeEach/afterEach hooks apply to its own tests only.
 * Left to tap, a root teardown would also make tap end the root test as soon as it is idle, which it is
 * while the next file loads.
 */
export async function runShard(shardUrl: string): Promise<void> {
  const shards = readdirSync(shardsDir).filter((name) => /^shard-\d+\.test\.ts$/.test(name)).length;
  const index = Number(/shard-(\d+)\.test\.ts$/.exec(shardUrl)![1]) - 1;
  mkdirSync(join(repoRoot, '.tap', 'shards'), { recursive: true });
  // MOCK_IDP_SHARD_FILES=a.test.ts,b.test.ts: run just these, in this order (to profile a set of files in one process).
  const only = process.env['MOCK_IDP_SHARD_FILES']?.split(',').filter(Boolean);
  const dir = only ? undefined : queueDir();
  const files = only ?? (dir === undefined ? shardFiles(index, shards) : queuedFiles());
  const take =
    dir === undefined
      ? (
          (left) => () =>
            left.shift()
        )([...files])
      : claimQueue(dir, files);
  t.setTimeout(Math.max(files.length, 1) * 120_000);

  let current = '';
  const pending: Promise<unknown>[] = [];
  const teardowns: (() => unknown)[] = [];
  const root = t as unknown as Record<'test' | 'teardown' | 'beforeEach' | 'afterEach', (...args: never[]) => unknown>;
  const register = t.test.bind(t);
  root.test = (...args: unknown[]) => {
    const result = (register as (...a: unknown[]) => Promise<unknown>)(...withTimeout(args));
    pending.push(result);
    return result;
  };
  root.teardown = (fn: () => unknown) => void teardowns.push(fn);
  for (const hook of ['beforeEach', 'afterEach'] as const) {
    const add = t[hook].bind(t) as (fn: (...args: unknown[]) => unknown) => void;
    root[hook] = (fn: (...args: unknown[]) => unknown) => {
      const owner = current;
      add((...args) => (owner === current ? fn(...args) : undefined));
    };
  }

  // Browser files share one chromium per shard (test/helpers/browser.ts), closed after the last file.
  (globalThis as { mockIdpShard?: boolean }).mockIdpShard = true;
  // Hold the event loop open while a module loads (the loader hooks work on another thread).
  const keepAlive = setInterval(() => {}, 60_000);
  const times = process.env['MOCK_IDP_SHARD_TIMES'] ? join(repoRoot, '.tap', `shard-times-${index + 1}.tsv`) : undefined;
  if (times) rmSync(times, { force: true });
  const keys = times ? countKeyGeneration() : undefined;
  for (let file = take(); file !== undefined; file = take()) {
    current = file;
    t.comment(file);
    const cpuBefore = treeCpu(process.pid);
    if (keys) keys.count = 0;
    const wallBefore = performance.now();
    try {
      await import(pathToFileURL(join(repoRoot, file)).href);
    } catch (error) {
      t.fail(`${file} failed to load: ${describe(error)}`);
    }
    await Promise.allSettled(pending.splice(0));
    for (const teardown of teardowns.splice(0).reverse()) {
      try {
        await teardown();
      } catch (error) {
        t.fail(`${file}: a teardown failed: ${describe(error)}`);
      }
    }
    // The pages a browser file opened (test/helpers/browser.ts), which the next file must not inherit.
    await (globalThis as { mockIdpClosePages?: () => Promise<void> }).mockIdpClosePages?.();
    if (times) {
      const cpu = (treeCpu(process.pid) - cpuBefore).toFixed(2);
      appendFileSync(times, `${cpu}\t${((performance.now() - wallBefore) / 1000).toFixed(2)}\t${keys!.count}\t${file}\n`);
    }
  }
  current = '';
  const { closeBrowsers } = await import('./browser.js');
  await closeBrowsers();
  clearInterval(keepAlive);
}

/**
 * Alone, a file had tap's per-file timeout (`timeout` in package.json's tap config, TAP_TIMEOUT in the child):
 * in a shard each of its root-level tests gets that limit, so a test that hangs fails alone and the shard goes on.
 */
export function withTimeout(args: unknown[]): unknown[] {
  const timeout = Number(process.env['TAP_TIMEOUT'] ?? 60) * 1000;
  if (!(timeout > 0)) return args;
  const at = args.findIndex((arg) => typeof arg === 'object' && arg !== null);
  if (at >= 0) return args.map((arg, i) => (i === at ? { timeout, ...(arg as object) } : arg));
  const fnAt = args.findIndex((arg) => typeof arg === 'function');
  return fnAt >= 0 ? [...args.slice(0, fnAt), { timeout }, ...args.slice(fnAt)] : args;
}

/** Counts the keys generated in this process through WebCrypto (jose's generateKeyPair): RSA key generation is costly. */
function countKeyGeneration(): { count: number } {
  const counter = { count: 0 };
  const subtle = globalThis.crypto.subtle;
  const generate = subtle.generateKey.bind(subtle) as (...args: unknown[]) => Promise<unknown>;
  (subtle as unknown as { generateKey: typeof generate }).generateKey = (...args) => {
    counter.count++;
    return generate(...args);
  };
  return counter;
}

/**
 * CPU-seconds used so far by process `root` and its descendants, live or ended (from /proc; 0 without it).
 * With MOCK_IDP_SHARD_TIMES=1, each shard writes, for each of its files, the CPU-seconds, wall seconds and keys
 * generated to .tap/shard-times-<n>.tsv: CPU-seconds are what to compare when the machine is shared (wall is not).
 */
export function treeCpu(root: number): number {
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime, stime and the ended children's cutime, cstime, in clock ticks (100 a second on Linux).
      own.set(Number(pid), fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(pid)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  for (const stack = [root]; stack.length > 0;) {
    const pid = stack.pop()!;
    total += own.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
