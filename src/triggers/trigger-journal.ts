/** One invocation of a trigger function, as `GET /_mock/triggers` lists it. */
export interface TriggerInvocation {
  /** Increasing from 1 (until `POST /_mock/reset`). */
  id: number;
  /** When it started, epoch milliseconds on the server's clock. */
  at: number;
  pool: string;
  trigger: string;
  triggerSource: string;
  /** The function's ARN. */
  function: string;
  /** Where it ran: `module` (in-process) or `endpoint` (the Lambda Invoke API); null when it ran nowhere. */
  ranAt: 'module' | 'endpoint' | null;
  /** The event sent. */
  event: unknown;
  /** What the function returned (absent when it failed to answer). */
  result?: unknown;
  /** The error Cognito's caller got, when the invocation failed. */
  error?: { type: string; message: string; kind: string };
  /** On the server's clock (0 when time is fixed). */
  durationMs: number;
}

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
