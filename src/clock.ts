/**
 * Time, injected. Everything in mock-idp that needs "now" asks a {@link Clock},
 * so tests move time with {@link ManualClock} and the control API can shift
 * the server's time (`POST /_mock/clock`) without anybody sleeping.
 */
import type { ClockState } from './page/wire.js';

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that stands still until told to move; for tests.
 *
 * @example
 * const clock = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
 * clock.advanceBy(3_600_000); // one hour later, instantly
 */
export class ManualClock implements Clock {
  #nowMs: number;

  constructor(startMs: number = Date.now()) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  advanceBy(ms: number): void {
    this.#nowMs += ms;
  }

  set(ms: number): void {
    this.#nowMs = ms;
  }
}

// What a ServerClock reports about itself: the body of `GET /_mock/clock`, a wire type.
export type { ClockState } from './page/wire.js';

/** A change to the server's time, as accepted by `POST /_mock/clock`. */
export type ClockChange = { advanceSeconds: number } | { offsetSeconds: number } | { fixedTime: string | number } | { reset: true };

/**
 * The server's clock: a base clock (the system clock, or a test's fake) that
 * can be shifted by an offset or frozen at a fixed time. Listeners hear about
 * every change so that time-driven parts (key rotation) can catch up at once.
 */
export class ServerClock implements Clock {
  readonly #base: Clock;
  #offsetMs = 0;
  #fixedMs: number | null;
  readonly #initialFixedMs: number | null;
  readonly #listeners = new Set<() => void>();

  constructor(base: Clock = systemClock, fixedMs: number | null = null) {
    this.#base = base;
    this.#fixedMs = fixedMs;
    this.#initialFixedMs = fixedMs;
  }

  now(): number {
    return (this.#fixedMs ?? this.#base.now()) + this.#offsetMs;
  }

  /** Current time in whole epoch seconds, the unit of JWT time claims. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  state(): ClockState {
    const now = this.now();
    return {
      now: new Date(now).toISOString(),
      epochSeconds: Math.floor(now / 1000),
      offsetSeconds: this.#offsetMs / 1000,
      fixed: this.#fixedMs !== null,
    };
  }

  /** Applies `change`; throws RangeError, leaving the clock as it was, when the result is not a representable time. */
  apply(change: ClockChange): ClockState {
    let offsetMs = this.#offsetMs;
    let fixedMs = this.#fixedMs;
    if ('reset' in change) {
      offsetMs = 0;
      fixedMs = this.#initialFixedMs;
    } else if ('advanceSeconds' in change) {
      offsetMs += change.advanceSeconds * 1000;
    } else if ('offsetSeconds' in change) {
      offsetMs = change.offsetSeconds * 1000;
    } else {
      fixedMs = toEpochMs(change.fixedTime);
      offsetMs = 0;
    }
    checkTime((fixedMs ?? this.#base.now()) + offsetMs, change);
    this.#offsetMs = offsetMs;
    this.#fixedMs = fixedMs;
    for (const listener of this.#listeners) listener();
    return this.state();
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Accepts epoch seconds or an ISO 8601 string; throws RangeError for anything else. */
export function toEpochMs(time: string | number): number {
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(time);
  checkTime(ms, time);
  return ms;
}

/** The latest time the clock may show: 9999-12-31T23:59:59.999Z, so that every time derived from it (key retirement, `exp`) is still a date. */
const maxTimeMs = 253_402_300_799_999;

/** JWT times are seconds since 1970; JavaScript dates end in the year 275760, where `toISOString()` throws. */
function checkTime(ms: number, what: unknown): void {
  if (!Number.isFinite(ms) || ms < 0 || ms > maxTimeMs) {
    throw new RangeError(`not a time: ${JSON.stringify(what)} (use ISO 8601 or epoch seconds, between 1970 and 9999)`);
  }
}
