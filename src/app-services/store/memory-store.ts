/**
 * The in-process store, for machines with no mongod: the same contract as
 * {@link MongoStore} (test/app-services/store/contract.ts), lost on restart.
 */
import { ExpiryQueue } from '../../runtime/expiry-queue.js';
import { assertObjectIdHex, newObjectIdHex } from './object-ids.js';
import type { AppUser, NewUser, Session, Store } from './types.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Shown in logs and /health; says why this store is in use. */
  description?: string;
}

/**
 * Users and sessions in Maps. Every method runs to completion without an
 * `await` in between, so an upsert is atomic as MongoDB's is; what goes in
 * and comes out is copied, so callers can never mutate the store.
 *
 * @example
 * const store = new MemoryStore();
 * const { user, created } = await store.upsertUserByIdentity({ appId, identity, data: {}, now });
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly description: string;

  /** By user id, in creation order (which `listUsers` returns). */
  readonly #users = new Map<string, AppUser>();
  /** (appId, providerType, sub) → user id: the unique index of the MongoDB store. */
  readonly #userIdByIdentity = new Map<string, string>();
  readonly #sessions = new Map<string, Session>();
  /** Session ids by `expiresAt`: expired ones are deleted without a scan. */
  readonly #expiry = new ExpiryQueue<string>();
  readonly #secrets = new Map<string, string>();

  constructor(options: MemoryStoreOptions = {}) {
    this.description = options.description ?? 'in-process memory store (lost on restart)';
  }

  async secret(name: string, create: () => string): Promise<string> {
    let value = this.#secrets.get(name);
    if (value === undefined) this.#secrets.set(name, (value = create()));
    return value;
  }

  async upsertUserByIdentity({ appId, identity, data, now }: NewUser): Promise<{ user: AppUser; created: boolean }> {
    const key = identityKey(appId, identity.providerType, identity.id);
    const existing = this.#userById(this.#userIdByIdentity.get(key));
    if (existing !== undefined) {
      existing.data = structuredClone(data);
      existing.lastAuthenticationDate = now;
      return { user: structuredClone(existing), created: false };
    }
    const user: AppUser = {
      id: newObjectIdHex(),
      appId,
      identities: [{ id: identity.id, providerType: identity.providerType, providerId: identity.providerId }],
      type: 'normal',
      data: structuredClone(data),
      creationDate: now,
      lastAuthenticationDate: now,
      disabled: false,
    };
    this.#users.set(user.id, user);
    this.#userIdByIdentity.set(key, user.id);
    return { user: structuredClone(user), created: true };
  }

  async getUser(appId: string, userId: string): Promise<AppUser | null> {
    const user = this.#userOf(appId, userId);
    return user === undefined ? null : structuredClone(user);
  }

  async listUsers(appId: string): Promise<AppUser[]> {
    return [...this.#users.values()].filter((user) => user.appId === appId).map((user) => structuredClone(user));
  }

  async setUserDisabled(appId: string, userId: string, disabled: boolean): Promise<AppUser | null> {
    const user = this.#userOf(appId, userId);
    if (user === undefined) return null;
    user.disabled = disabled;
    return structuredClone(user);
  }

  async deleteUser(appId: string, userId: string): Promise<boolean> {
    const user = this.#userOf(appId, userId);
    if (user === undefined) return false;
    this.#users.delete(user.id);
    for (const identity of user.identities) {
      this.#userIdByIdentity.delete(identityKey(appId, identity.providerType, identity.id));
    }
    this.#deleteSessionsWhere((session) => session.appId === appId && session.userId === userId);
    return true;
  }

  async createSession(session: Session): Promise<void> {
    assertObjectIdHex(session.id, 'session id');
    assertObjectIdHex(session.userId, 'session userId');
    if (this.#sessions.has(session.id)) {
      // MongoDB refuses a second document with one _id (E11000); so do we.
      throw new Error(`a session with id ${session.id} already exists`);
    }
    this.#sessions.set(session.id, structuredClone(session));
    this.#expiry.set(session.id, session.expiresAt);
  }

  /** At most a few hundred per call: more than one per login, so a backlog (after the clock moved) drains. */
  async deleteExpiredSessions(epochSeconds: number): Promise<number> {
    const expired = this.#expiry.takeExpired(epochSeconds, 256);
    for (const id of expired) this.#sessions.delete(id);
    return expired.length;
  }

  /** Sessions held; for tests of bounded growth. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  async getSession(sessionId: string): Promise<Session | null> {
    const session = this.#sessions.get(sessionId);
    return session === undefined ? null : structuredClone(session);
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    this.#expiry.delete(sessionId);
    return this.#sessions.delete(sessionId);
  }

  async deleteUserSessions(appId: string, userId: string): Promise<number> {
    return this.#deleteSessionsWhere((session) => session.appId === appId && session.userId === userId);
  }

  async clear(): Promise<void> {
    this.#users.clear();
    this.#userIdByIdentity.clear();
    this.#sessions.clear();
    this.#expiry.clear();
  }

  async close(): Promise<void> {
    // Nothing to release; the data stays until the process ends, as documented.
  }

  #userById(userId: string | undefined): AppUser | undefined {
    return userId === undefined ? undefined : this.#users.get(userId);
  }

  #userOf(appId: string, userId: string): AppUser | undefined {
    const user = this.#users.get(userId);
    return user?.appId === appId ? user : undefined;
  }

  #deleteSessionsWhere(matches: (session: Session) => boolean): number {
    let deleted = 0;
    for (const [id, session] of this.#sessions) {
      if (matches(session)) {
        this.#sessions.delete(id);
        this.#expiry.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  }
}

/** JSON keeps the triple unambiguous whatever characters a `sub` holds. */
function identityKey(appId: string, providerType: string, sub: string): string {
  return JSON.stringify([appId, providerType, sub]);
}
