/**
 * The App Services store while it opens: a {@link Store} that hands every call
 * to the store being opened, once it is open. Choosing the store (probing for
 * a mongod, loading the MongoDB driver, connecting) then runs beside the rest
 * of start-up instead of in front of the JWKS.
 */
import type { AppUser, NewUser, Session, Store } from './types.js';

/**
 * Forwards to the store `opening` resolves to. `kind` and `description` are
 * known only once it is open: the server answers no App Services or health
 * request before then.
 *
 * @example
 * const store = new OpeningStore(import('./open-store.js').then((m) => m.openStore(options)));
 * await store.opened;
 */
export class OpeningStore implements Store {
  /** Resolves to the store once open; rejects if it cannot be opened. */
  readonly opened: Promise<Store>;
  #store: Store | undefined;

  constructor(opening: Promise<Store>) {
    this.opened = opening.then((store) => (this.#store = store));
    // Callers await `opened`; this copy only keeps a failure from being reported as unhandled twice.
    this.opened.catch(() => {});
  }

  get kind(): Store['kind'] {
    return this.#open().kind;
  }

  get description(): string {
    return this.#open().description;
  }

  upsertUserByIdentity(user: NewUser) {
    return this.opened.then((s) => s.upsertUserByIdentity(user));
  }

  getUser(appId: string, userId: string): Promise<AppUser | null> {
    return this.opened.then((s) => s.getUser(appId, userId));
  }

  listUsers(appId: string): Promise<AppUser[]> {
    return this.opened.then((s) => s.listUsers(appId));
  }

  setUserDisabled(appId: string, userId: string, disabled: boolean): Promise<AppUser | null> {
    return this.opened.then((s) => s.setUserDisabled(appId, userId, disabled));
  }

  deleteUser(appId: string, userId: string): Promise<boolean> {
    return this.opened.then((s) => s.deleteUser(appId, userId));
  }

  createSession(session: Session): Promise<void> {
    return this.opened.then((s) => s.createSession(session));
  }

  getSession(sessionId: string): Promise<Session | null> {
    return this.opened.then((s) => s.getSession(sessionId));
  }

  deleteSession(sessionId: string): Promise<boolean> {
    return this.opened.then((s) => s.deleteSession(sessionId));
  }

  deleteUserSessions(appId: string, userId: string): Promise<number> {
    return this.opened.then((s) => s.deleteUserSessions(appId, userId));
  }

  deleteExpiredSessions(epochSeconds: number): Promise<number> {
    return this.opened.then((s) => s.deleteExpiredSessions(epochSeconds));
  }

  secret(name: string, create: () => string): Promise<string> {
    return this.opened.then((s) => s.secret(name, create));
  }

  clear(): Promise<void> {
    return this.opened.then((s) => s.clear());
  }

  /** Closes the store once open; nothing to close if it never opened. */
  async close(): Promise<void> {
    const store = await this.opened.catch(() => null);
    await store?.close();
  }

  #open(): Store {
    if (!this.#store) throw new Error('the App Services store is still opening');
    return this.#store;
  }
}
