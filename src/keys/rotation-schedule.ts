import type { Clock } from '../clock.js';
import type { KeyRing } from './key-ring.js';

/**
 * Rotates every pool's keys each `periodSeconds` of the server's clock. The
 * clock, not a timer, decides when: a timer only makes `tick()` run often, and
 * moving the clock (time travel) makes the next tick rotate at once. However
 * far time jumps, one tick rotates once.
 */
export class RotationSchedule {
  readonly #ring: KeyRing;
  readonly #clock: Clock;
  readonly #periodMs: number;
  readonly #onRotate: (error?: Error) => void;
  #nextAt: number;
  #running: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(ring: KeyRing, clock: Clock, periodSeconds: number, onRotate: (error?: Error) => void = () => {}) {
    this.#ring = ring;
    this.#clock = clock;
    this.#periodMs = periodSeconds * 1000;
    this.#onRotate = onRotate;
    this.#nextAt = clock.now() + this.#periodMs;
  }

  /** When the next rotation is due, epoch ms. */
  get nextAt(): number {
    return this.#nextAt;
  }

  /** Rotates if due. Concurrent calls share one rotation. */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    if (this.#clock.now() < this.#nextAt) return Promise.resolve();
    this.#running = this.#ring
      .rotate()
      .then(
        () => this.#onRotate(),
        (error: Error) => this.#onRotate(error),
      )
      .finally(() => {
        this.#nextAt = this.#clock.now() + this.#periodMs;
        this.#running = null;
      });
    return this.#running;
  }

  /** Checks the clock on a timer that does not keep the process alive. */
  start(): void {
    const everyMs = Math.min(1000, Math.max(10, this.#periodMs / 4));
    this.#timer = setInterval(() => void this.tick(), everyMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
