import type { TriggerInvocationInfo } from '../page/wire.js';

/** One invocation of a trigger function, as `GET /_mock/triggers` lists it (the page reads the same shape). */
export type TriggerInvocation = TriggerInvocationInfo;

/**
 * The last invocations of trigger functions, oldest first, at most `limit` (older ones fall off):
 * which function ran, with what event, and what it answered. Cleared by `POST /_mock/reset`.
 */
export class TriggerJournal {
  readonly #limit: number;
  #entries: TriggerInvocation[] = [];
  #next = 1;

  constructor(limit = 200) {
    this.#limit = limit;
  }

  add(entry: Omit<TriggerInvocation, 'id'>): TriggerInvocation {
    const full = { id: this.#next++, ...entry };
    this.#entries.push(full);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
    return full;
  }

  /** The invocations, oldest first, of one pool and trigger when given. */
  list(filter: { pool?: string | undefined; trigger?: string | undefined } = {}): TriggerInvocation[] {
    return this.#entries.filter((e) => (!filter.pool || e.pool === filter.pool) && (!filter.trigger || e.trigger === filter.trigger));
  }

  clear(): void {
    this.#entries = [];
    this.#next = 1;
  }
}
