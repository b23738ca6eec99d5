/**
 * Keys ordered by the time they expire, soonest first: a binary min-heap that
 * knows where each key sits, so adding, moving and deleting a key cost
 * O(log n) and the expired keys come out without a scan.
 *
 * The in-memory stores (sign-ins, hosted-UI sessions, authorization codes,
 * challenge sessions, App Services sessions) keep one beside their Map and
 * sweep it when they add an entry, with the server's clock: no timer keeps the
 * process alive, and time moved forward frees memory at the next insertion.
 * A sweep takes a bounded number of keys, so no single request pays for a
 * backlog; taking more than one per insertion still drains any backlog.
 */
export class ExpiryQueue<K> {
  readonly #keys: K[] = [];
  readonly #times: number[] = [];
  readonly #slot = new Map<K, number>();

  get size(): number {
    return this.#keys.length;
  }

  has(key: K): boolean {
    return this.#slot.has(key);
  }

  /** When `key` expires, or undefined when it is not queued. */
  expiresAt(key: K): number | undefined {
    const at = this.#slot.get(key);
    return at === undefined ? undefined : this.#times[at];
  }

  /** Queues `key` to expire at `time`, or moves it there. */
  set(key: K, time: number): void {
    let at = this.#slot.get(key);
    if (at === undefined) {
      at = this.#keys.length;
      this.#keys.push(key);
      this.#times.push(time);
      this.#slot.set(key, at);
    } else {
      this.#times[at] = time;
    }
    this.#down(this.#up(at));
  }

  delete(key: K): boolean {
    const at = this.#slot.get(key);
    if (at === undefined) return false;
    this.#removeAt(at);
    return true;
  }

  /** Removes and returns the keys whose time is at or before `now`, soonest first, at most `limit` of them. */
  takeExpired(now: number, limit = Infinity): K[] {
    const taken: K[] = [];
    while (taken.length < limit && this.#keys.length > 0 && this.#times[0]! <= now) {
      taken.push(this.#keys[0]!);
      this.#removeAt(0);
    }
    return taken;
  }

  clear(): void {
    this.#keys.length = 0;
    this.#times.length = 0;
    this.#slot.clear();
  }

  #removeAt(at: number): void {
    const last = this.#keys.length - 1;
    this.#slot.delete(this.#keys[at]!);
    if (at !== last) {
      this.#keys[at] = this.#keys[last]!;
      this.#times[at] = this.#times[last]!;
      this.#slot.set(this.#keys[at], at);
    }
    this.#keys.pop();
    this.#times.pop();
    if (at < this.#keys.length) this.#down(this.#up(at));
  }

  /** Moves the entry at `at` up while it is sooner than its parent; returns where it ends. */
  #up(at: number): number {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.#times[parent]! <= this.#times[at]!) break;
      this.#swap(at, parent);
      at = parent;
    }
    return at;
  }

  #down(at: number): void {
    const n = this.#keys.length;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.#times[right]! < this.#times[left]! ? right : left;
      if (this.#times[at]! <= this.#times[child]!) return;
      this.#swap(at, child);
      at = child;
    }
  }

  #swap(a: number, b: number): void {
    const key = this.#keys[a]!;
    const time = this.#times[a]!;
    this.#keys[a] = this.#keys[b]!;
    this.#times[a] = this.#times[b]!;
    this.#keys[b] = key;
    this.#times[b] = time;
    this.#slot.set(this.#keys[a], a);
    this.#slot.set(this.#keys[b], b);
  }
}
