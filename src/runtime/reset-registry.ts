/** What `POST /_mock/reset` asks for beyond the default. */
export interface ResetOptions {
  /** A fresh key ring (`{"keys": true}`). */
  keys: boolean;
  /** No App Services users or sessions (`{"appServices": true}`). */
  appServices: boolean;
}

/** Puts one service's state back as it was at start, as far as `options` asks. */
export type Reset = (options: ResetOptions) => void | Promise<void>;

/**
 * Every stateful service's reset, in one list. The composition root
 * (src/services.ts) registers each service's reset where it makes the
 * service, and `POST /_mock/reset` runs them all, in the order they were
 * added (the clock first: later resets read it). A service whose state
 * outlives a reset is a service missing here; test/runtime/reset-registry.test.ts
 * checks that every service with a `reset` or `clear` method is registered.
 *
 * @example
 * const resets = new ResetRegistry();
 * resets.add('sign-ins', signIns, () => signIns.reset());
 * await resets.resetAll({ keys: false, appServices: false });
 */
export class ResetRegistry {
  readonly #entries: Array<{ name: string; service: object; reset: Reset }> = [];

  /** Registers `service`'s reset under `name` (for logs and tests). */
  add(name: string, service: object, reset: Reset): void {
    if (this.#entries.some((e) => e.name === name)) throw new Error(`a reset named "${name}" is registered already`);
    this.#entries.push({ name, service, reset });
  }

  /** The names, in the order the resets run. */
  get names(): string[] {
    return this.#entries.map((e) => e.name);
  }

  /** Whether `service` has a reset registered. */
  covers(service: object): boolean {
    return this.#entries.some((e) => e.service === service);
  }

  /** Runs every reset, one after the other. */
  async resetAll(options: ResetOptions): Promise<void> {
    for (const { reset } of this.#entries) await reset(options);
  }
}
