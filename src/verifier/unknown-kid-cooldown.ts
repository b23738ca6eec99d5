/**
 * The penalty box for unknown kids: a refetch of the JWKS for a kid it did
 * not have starts a cooldown, during which further unknown kids are rejected
 * without fetching. A kid comes from an unverified token, so without it
 * anyone could make every verification fetch the JWKS.
 *
 * @example
 * const cooldown = new UnknownKidCooldown(30);
 * cooldown.sinceStart(now); // undefined: a refetch may go ahead
 * cooldown.start(now);
 * cooldown.sinceStart(now + 1000); // 1000: still cooling down
 */
export class UnknownKidCooldown {
  readonly seconds: number;
  #startedAt = Number.NEGATIVE_INFINITY;

  constructor(seconds: number) {
    this.seconds = seconds;
  }

  /** A refetch for an unknown kid was made (or a fetch just made stands for one): the cooldown runs from `now` (epoch ms). */
  start(now: number): void {
    this.#startedAt = now;
  }

  /** While the cooldown runs, how long ago (ms) it started; undefined once it is over, or before any. */
  sinceStart(now: number): number | undefined {
    const elapsed = now - this.#startedAt;
    return elapsed < this.seconds * 1000 ? elapsed : undefined;
  }
}
