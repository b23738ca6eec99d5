import { join } from 'node:path';
import type { SignIns } from '../cognito/sign-ins.js';
import type { UserDates } from '../cognito/user-dates.js';
import type { Directory } from '../directory/directory.js';
import type { Pool } from '../directory/pool.js';
import { MockIdpError } from '../errors.js';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import type { RefreshTokenCodec } from '../tokens/refresh-token.js';
import { parseState, readStateFile, stateFileName, type StateFileContents } from './state-file.js';
import type { StateSaver } from './state-saver.js';

/** What the state dir saves and restores. */
export interface StateParts {
  directory: Directory;
  dates: UserDates;
  signIns: SignIns;
  refreshTokens: RefreshTokenCodec;
  /** The ids of the pools the configuration names now (a saved configured pool no longer configured is dropped). */
  configuredPools: readonly string[];
}

/**
 * The state dir (`--state-dir`): state is written to `state.json` after each
 * change, one write at a time, atomically (a crash leaves the old or the new
 * file). A change is answered only once a write that began after it succeeded;
 * when a write fails, the change is undone (the state is put back to what was
 * last saved) and the request fails with STATE_NOT_SAVED.
 *
 * @example
 * const state = await StateDir.open('/var/lib/mock-idp', parts); // restores what a previous run saved
 * await state.save();
 */
export class StateDir implements StateSaver {
  readonly dir: string;
  readonly #path: string;
  readonly #parts: StateParts;
  /** The text of the last successful write: what a failed write puts back. */
  #saved: string | null = null;
  #writing: Promise<void> = Promise.resolve();
  /** The write that will include changes made now, if one is queued and not begun. */
  #queued: Promise<void> | null = null;

  private constructor(dir: string, parts: StateParts) {
    this.dir = dir;
    this.#path = join(dir, stateFileName);
    this.#parts = parts;
  }

  /**
   * Restores what the state dir holds (nothing on a first start) into `parts`,
   * then saves once, so that a folder that cannot be written fails the start
   * rather than the first change.
   */
  static async open(dir: string, parts: StateParts, saved?: StateFileContents | null): Promise<StateDir> {
    const state = new StateDir(dir, parts);
    saved = saved === undefined ? await readStateFile(state.#path) : saved;
    if (saved) await state.#restore(saved);
    const text = await state.#serialise();
    try {
      await writeFileAtomic(state.#path, text);
    } catch (error) {
      throw new MockIdpError('STATE_NOT_SAVED', `cannot write the state dir ${dir}: ${(error as Error).message}`);
    }
    state.#saved = text;
    return state;
  }

  save(): Promise<void> {
    // Changes made while a write runs go into the next one; callers that arrive before it begins share it.
    if (!this.#queued) {
      const next = this.#writing.then(
        () => this.#write(),
        () => this.#write(),
      );
      this.#queued = next;
      this.#writing = next;
    }
    return this.#queued;
  }

  async #write(): Promise<void> {
    this.#queued = null;
    const text = await this.#serialise();
    try {
      await writeFileAtomic(this.#path, text);
      this.#saved = text;
    } catch (error) {
      if (this.#saved !== null) await this.#restore(parseState(this.#saved, this.#path));
      throw new MockIdpError('STATE_NOT_SAVED', `mock-idp could not save its state in ${this.dir}, so the change was undone: ${(error as Error).message}`);
    }
  }

  async #serialise(): Promise<string> {
    const { directory, dates, signIns, refreshTokens } = this.#parts;
    const pools = directory.pools();
    const contents: StateFileContents = {
      format: 'mock-idp-state',
      version: 1,
      warning: 'State of a mock identity provider: passwords, client secrets and a private key. For tests only.',
      pools,
      userDates: dates.exportDates(pools),
      signIns: signIns.exportState(),
      refreshTokenKey: await refreshTokens.exportKey(),
    };
    return JSON.stringify(contents);
  }

  async #restore(saved: StateFileContents): Promise<void> {
    const { directory, dates, signIns, refreshTokens, configuredPools } = this.#parts;
    restorePools(directory, saved, configuredPools);
    dates.importDates(directory, saved.userDates);
    signIns.importState(structuredClone(saved.signIns));
    await refreshTokens.importKey(saved.refreshTokenKey);
  }
}

/**
 * Puts the saved pools in the directory: pools made since the save (a failed write undoes them) go, and a
 * saved configured pool that the configuration no longer names is dropped. The server does this first,
 * before the key ring starts, so that the keys of restored pools are kept.
 */
export function restorePools(directory: Directory, saved: Pick<StateFileContents, 'pools'>, configuredPools: readonly string[]): void {
  const keep = (p: Pool) => p.origin === 'api' || configuredPools.includes(p.id);
  const savedIds = new Set(saved.pools.map((p) => p.id));
  for (const pool of directory.pools()) if (pool.origin === 'api' && !savedIds.has(pool.id)) directory.removePool(pool.id);
  for (const pool of structuredClone(saved.pools)) if (keep(pool)) directory.addPool(pool);
}
