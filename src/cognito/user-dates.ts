import type { Clock } from '../clock.js';
import type { UserRecord } from '../config/types.js';
import type { Directory, Pool } from '../directory/directory.js';

/**
 * `UserCreateDate` and `UserLastModifiedDate`, which the users file does not
 * hold: remembered per user record in memory. Users from the file (and users
 * restored by POST /_mock/reset, which are fresh records) date from when this
 * was made, i.e. server start.
 */
export class UserDates {
  readonly #clock: Clock;
  readonly #startedAt: number;
  #dates = new WeakMap<UserRecord, { created: number; modified: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#startedAt = clock.now();
  }

  /** Forgets every date (POST /_mock/reset): users date from server start again. */
  reset(): void {
    this.#dates = new WeakMap();
  }

  /** Both dates in epoch seconds (with milliseconds), as Cognito's JSON numbers. */
  of(user: UserRecord): { created: number; modified: number } {
    const dates = this.#dates.get(user) ?? { created: this.#startedAt, modified: this.#startedAt };
    return { created: dates.created / 1000, modified: dates.modified / 1000 };
  }

  /** The dates of every user that has some, as `[pool, username, created ms, modified ms]` (a state dir saves them). */
  exportDates(pools: readonly Pool[]): Array<[string, string, number, number]> {
    const out: Array<[string, string, number, number]> = [];
    for (const pool of pools) {
      for (const user of pool.users) {
        const dates = this.#dates.get(user);
        if (dates) out.push([pool.id, user.username, dates.created, dates.modified]);
      }
    }
    return out;
  }

  /** Gives saved dates back to the users they belong to. */
  importDates(directory: Directory, dates: ReadonlyArray<[string, string, number, number]>): void {
    const pools = new Map(directory.pools().map((p) => [p.id, p]));
    for (const [poolId, username, created, modified] of dates) {
      const pool = pools.get(poolId);
      const user = pool && pool.users.find((u) => u.username === username);
      if (user) this.#dates.set(user, { created, modified });
    }
  }

  /** A user made now. */
  created(user: UserRecord): void {
    const now = this.#clock.now();
    this.#dates.set(user, { created: now, modified: now });
  }

  /** A user changed now. */
  modified(user: UserRecord): void {
    const dates = this.#dates.get(user);
    this.#dates.set(user, { created: dates?.created ?? this.#startedAt, modified: this.#clock.now() });
  }
}
