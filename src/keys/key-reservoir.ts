import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import type { JWK } from 'jose';
import { fromPrivateJwk, rsaKeyFactory, type KeyFactory, type KeyMaterial } from './key-factory.js';

/** Keys a reservoir holds when full, unless told otherwise: two fresh starts of the default two pools. */
export const defaultReservoirCapacity = 8;

/** Most keys a reservoir may be asked to hold: it is a cache, not a key store. */
export const maxReservoirCapacity = 64;

/** A key waiting to be taken: `<uuid>.jwk.json`. Anything else in the folder is a file being written or being taken. */
const keyFile = /^[0-9a-f-]{36}\.jwk\.json$/;
/** A write or a take that a killed process left behind: forgotten after this long. */
const staleMs = 60_000;

export interface KeyReservoirOptions {
  /** The folder (made with mode 700 when missing). */
  dir: string;
  /** Keys kept when full (default {@link defaultReservoirCapacity}, at most {@link maxReservoirCapacity}). */
  capacity?: number | undefined;
  /** Why the reservoir was skipped or a file in it ignored (the CLI logs it at debug level). */
  log?: ((message: string) => void) | undefined;
  /** Makes private JWKs for the refill in this process (tests inject it). Default: a refill process, see {@link KeyReservoir.refill}. */
  generateJwk?: (() => Promise<JWK>) | undefined;
  /**
   * True (the default): the refill process is detached and never keeps this one alive (a server that stops
   * mid-refill exits at once). False for a caller whose only work is to await {@link KeyReservoir.refill} (the bench fills one).
   */
  background?: boolean | undefined;
  /** Wall-clock milliseconds, for telling stale leftovers apart (default `Date.now`). */
  now?: (() => number) | undefined;
}

/**
 * A per-machine reservoir of test-only RSA keys made ahead of need, so that a
 * start which needs fresh keys takes them in a millisecond instead of waiting
 * for RSA key generation (the floor of a fresh start).
 *
 * Each key is one file (mode 600) in a folder of the user's cache (mode 700),
 * outside any project. {@link take} removes a key from the reservoir before it
 * reads it: it renames the file to a name only this call knows, so two takers
 * (two processes, or two pools of one) can never get the same key, and a key
 * is never shared. {@link refill} makes keys one at a time, after start-up, up
 * to the capacity. Nothing here ever fails a start: a missing, unreadable or
 * unwritable folder, or a file that is not a usable key, only means keys are
 * generated as they would be without a reservoir.
 *
 * @example
 * const reservoir = new KeyReservoir({ dir: defaultReservoirDir(env)! });
 * const factory = reservoirKeyFactory(reservoir); // takes, else generates
 * // … once the server is ready:
 * void reservoir.refill();
 */
export class KeyReservoir {
  readonly dir: string;
  readonly capacity: number;
  readonly #log: (message: string) => void;
  readonly #generateJwk: (() => Promise<JWK>) | undefined;
  readonly #now: () => number;
  readonly #background: boolean;
  /** The folder checked (made, mode 700, owned by this user), or false once found unusable. */
  #usable: Promise<boolean> | undefined;
  #refilling: Promise<number> | null = null;
  #stopped = false;

  constructor(options: KeyReservoirOptions) {
    this.dir = options.dir;
    this.capacity = Math.min(maxReservoirCapacity, Math.max(1, Math.floor(options.capacity ?? defaultReservoirCapacity)));
    this.#log = options.log ?? (() => {});
    this.#generateJwk = options.generateJwk;
    this.#background = options.background ?? true;
    // File times are the wall clock's; the server's clock may be shifted or frozen, so it cannot tell a stale file.
    // eslint-disable-next-line no-restricted-properties
    this.#now = options.now ?? Date.now;
  }

  /** A key removed from the reservoir, or null when it has none (or cannot be used). Files that are not usable keys are deleted and skipped. */
  async take(): Promise<KeyMaterial | null> {
    if (!(await this.#ready())) return null;
    const names = (await this.#list()).filter((name) => keyFile.test(name));
    // From a random place in the list, so that takers starting together mostly ask for different files.
    const start = names.length ? Math.floor(Math.random() * names.length) : 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[(start + i) % names.length]!;
      const taken = join(this.dir, `${name}.taken-${randomUUID()}`);
      try {
        // Atomic: of the takers that try this file, one renames it; the others get ENOENT and try the next.
        await rename(join(this.dir, name), taken);
      } catch {
        continue;
      }
      try {
        const text = await readFile(taken, 'utf8');
        return await fromPrivateJwk(JSON.parse(text) as JWK);
      } catch (error) {
        this.#log(`key reservoir: skipped ${name}: ${error instanceof SyntaxError ? 'not JSON' : (error as Error).message}`);
      } finally {
        await unlink(taken).catch(() => {});
      }
    }
    return null;
  }

  /** Keys waiting in the reservoir now. */
  async size(): Promise<number> {
    if (!(await this.#ready())) return 0;
    return (await this.#list()).filter((name) => keyFile.test(name)).length;
  }

  /**
   * Makes keys, one at a time, until the reservoir holds its capacity (counted
   * again before each key: other processes take and refill too). One call runs
   * at a time; a call while one runs gets that one's promise. Resolves with the
   * number of keys added; never rejects.
   */
  refill(): Promise<number> {
    this.#refilling ??= this.#fill().finally(() => (this.#refilling = null));
    return this.#refilling;
  }

  /** No refill starts after this (one under way finishes in its own process). */
  stop(): void {
    this.#stopped = true;
  }

  async #fill(): Promise<number> {
    if (this.#stopped || !(await this.#ready())) return 0;
    const before = await this.size();
    if (before >= this.capacity) return 0;
    if (!this.#generateJwk) {
      await this.#spawnRefill();
      return Math.max(0, (await this.size()) - before);
    }
    let added = 0;
    try {
      while (!this.#stopped && (await this.size()) < this.capacity) {
        await this.#put(await this.#generateJwk());
        added++;
      }
    } catch (error) {
      this.#log(`key reservoir: refill stopped: ${(error as Error).message}`);
    }
    return added;
  }

  /**
   * Makes the keys in a process of its own, at the lowest CPU priority: it never competes with a server
   * under load for its cores, its event loop or libuv's threadpool (where signing runs), and a server that
   * stops (or is killed) mid-refill exits at once while the refill finishes on its own. In the background
   * (the default) the process is detached and unref'd; the promise settles when it exits, if this process
   * is still there to see it.
   */
  #spawnRefill(): Promise<void> {
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(process.execPath, ['-e', refillSource, this.dir, String(this.capacity)], { detached: this.#background, stdio: 'ignore', windowsHide: true });
      } catch (error) {
        this.#log(`key reservoir: cannot start the refill: ${(error as Error).message}`);
        resolve();
        return;
      }
      child.once('error', (error) => {
        this.#log(`key reservoir: cannot start the refill: ${error.message}`);
        resolve();
      });
      child.once('exit', () => resolve());
      if (child.pid !== undefined) {
        try {
          setPriority(child.pid, 19);
        } catch {
          // Not allowed here: it runs at normal priority, one key at a time.
        }
      }
      if (this.#background) child.unref();
    });
  }

  /** Writes a key under a temporary name (mode 600, never replacing a file), then renames it into view, so no taker reads half a key. */
  async #put(jwk: JWK): Promise<void> {
    const id = randomUUID();
    const temporary = join(this.dir, `.${id}.tmp`);
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(jwk)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(this.dir, `${id}.jwk.json`));
  }

  /** The folder's file names; leftovers of killed writers and takers, once stale, are deleted on the way. */
  async #list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      this.#log(`key reservoir: cannot read ${this.dir}: ${(error as Error).message}`);
      return [];
    }
    for (const name of names) {
      if (keyFile.test(name)) continue;
      if (!name.endsWith('.tmp') && !name.includes('.taken-')) continue;
      const path = join(this.dir, name);
      const stat = await lstat(path).catch(() => null);
      if (stat && this.#now() - stat.mtimeMs > staleMs) await unlink(path).catch(() => {});
    }
    return names;
  }

  #ready(): Promise<boolean> {
    this.#usable ??= this.#check();
    return this.#usable;
  }

  /** Makes the folder (700) if missing; refuses one that is not a folder or belongs to another user, and narrows a wider mode to 700. */
  async #check(): Promise<boolean> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const stat = await lstat(this.dir);
      if (!stat.isDirectory()) throw new Error('not a folder');
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw new Error('owned by another user');
      if ((stat.mode & 0o077) !== 0) await chmod(this.dir, 0o700);
      return true;
    } catch (error) {
      this.#log(`key reservoir: not used (${this.dir}: ${(error as Error).message}); keys are generated`);
      return false;
    }
  }
}

/**
 * The reservoir's folder for this user: `$XDG_CACHE_HOME/mock-idp/keys`, else
 * `~/.cache/mock-idp/keys`; null when neither is known (no reservoir then).
 */
export function defaultReservoirDir(env: Record<string, string | undefined>): string | null {
  if (env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/')) return join(env.XDG_CACHE_HOME, 'mock-idp', 'keys');
  // From the environment only, never os.homedir(): a caller that passes no HOME (a test's in-process CLI) gets no reservoir.
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, '.cache', 'mock-idp', 'keys') : null;
}

/**
 * A key factory that takes each key from `reservoir` and generates one with
 * `fallback` only when the reservoir has none. `onTake` is told of each key
 * taken (the CLI refills after start-up).
 */
export function reservoirKeyFactory(reservoir: KeyReservoir, fallback: KeyFactory = rsaKeyFactory, onTake?: () => void): KeyFactory {
  return {
    async generate() {
      const key = await reservoir.take();
      if (!key) return fallback.generate();
      onTake?.();
      return key;
    },
  };
}

/**
 * The refill's process: plain CommonJS on Node's built-ins only (so it runs the same from the sources,
 * dist/ and the CLI bundle). argv: folder, capacity. Makes a key while the folder holds fewer than the
 * capacity (written as {@link KeyReservoir} writes them), then exits; exits on any error.
 */
const refillSource = `
const { generateKeyPairSync, randomUUID } = require('node:crypto');
const { closeSync, fsyncSync, openSync, readdirSync, renameSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const [dir, capacity] = [process.argv[1], Number(process.argv[2])];
const keyFile = /^[0-9a-f-]{36}\\.jwk\\.json$/;
try {
  while (readdirSync(dir).filter((name) => keyFile.test(name)).length < capacity) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const id = randomUUID();
    const temporary = join(dir, '.' + id + '.tmp');
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(privateKey.export({ format: 'jwk' })) + '\\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(dir, id + '.jwk.json'));
  }
} catch {
  process.exitCode = 1;
}
`;
