/**
 * Where the server's state is saved after each change. Without a state dir
 * (`--state-dir`), state lives in memory and {@link memoryOnly} saves nothing.
 */
export interface StateSaver {
  /** The directory state is saved in; null when state lives in memory only. */
  readonly dir: string | null;
  /**
   * Resolves once every change made so far is on disk. Rejects with
   * STATE_NOT_SAVED when the write fails; the in-memory state is then put back
   * to what was last saved, so nothing is answered that a restart would lose.
   */
  save(): Promise<void>;
}

/** State in memory only: nothing to save. */
export const memoryOnly: StateSaver = { dir: null, save: () => Promise.resolve() };
