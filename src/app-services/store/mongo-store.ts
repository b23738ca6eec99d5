/**
 * The MongoDB store, on the official driver: collections `users` and
 * `sessions` in one database. See mongo-indexes.ts for the indexes and why
 * the identity index is safe as a unique multikey index.
 */
import { MongoClient, MongoServerError, ObjectId, type Collection } from 'mongodb';
import { ensureIndexes } from './mongo-indexes.js';
import { sessionFromDocument, userFromDocument, type SessionDocument, type UserDocument } from './mongo-documents.js';
import { assertObjectIdHex, isObjectIdHex } from './object-ids.js';
import { redactMongoUri } from './redact-uri.js';
import type { AppUser, NewUser, Session, Store } from './types.js';

/** The database the store uses unless told otherwise. */
export const defaultDbName = 'mock_idp_app_services';

/** Options of {@link MongoStore.connect}. */
export interface MongoStoreConnectOptions {
  /** Default {@link defaultDbName}. */
  dbName?: string;
  /** How long to look for a server before failing; default: the URI's, else the driver's (30 s). */
  serverSelectionTimeoutMS?: number;
  /** Shown in logs and /health; default "MongoDB at <URI without credentials>, database <name>". */
  description?: string;
  /** Runs after `close()` closed the client (open-store stops the embedded mongod here). */
  onClose?: () => Promise<void>;
}

/** Options of {@link MongoStore.fromClient}. */
export interface MongoStoreClientOptions {
  /** Default {@link defaultDbName}. */
  dbName?: string;
  description?: string;
}

interface MongoStoreParts {
  client: MongoClient;
  ownsClient: boolean;
  dbName: string;
  description: string;
  onClose: (() => Promise<void>) | undefined;
}

/**
 * The Store on MongoDB. Users survive restarts of mock-idp; sessions too,
 * until MongoDB's TTL monitor removes them after `expiresAt`.
 *
 * @example
 * const store = await MongoStore.connect('mongodb://localhost:27017', { serverSelectionTimeoutMS: 2000 });
 * const { user } = await store.upsertUserByIdentity({ appId, identity, data: { name: 'Ada' }, now });
 * await store.close();
 */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  readonly description: string;

  readonly #client: MongoClient;
  readonly #ownsClient: boolean;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #users: Collection<UserDocument>;
  readonly #sessions: Collection<SessionDocument>;
  readonly #secrets: Collection<{ _id: string; value: string }>;
  #closed = false;
  /** The cutoff of the last {@link deleteExpiredSessions} that reached the database. */
  #sweptUpTo = -Infinity;

  private constructor(parts: MongoStoreParts) {
    this.#client = parts.client;
    this.#ownsClient = parts.ownsClient;
    this.#onClose = parts.onClose;
    this.description = parts.description;
    const db = parts.client.db(parts.dbName);
    this.#users = db.collection<UserDocument>('users');
    this.#sessions = db.collection<SessionDocument>('sessions');
    this.#secrets = db.collection<{ _id: string; value: string }>('secrets');
  }

  /**
   * Connects to `uri`, creates the indexes, and returns a store that owns
   * (and on `close()` closes) its client. Rejects if no server answers
   * within the server selection timeout.
   */
  static async connect(uri: string, options: MongoStoreConnectOptions = {}): Promise<MongoStore> {
    const dbName = options.dbName ?? defaultDbName;
    const client = new MongoClient(uri, options.serverSelectionTimeoutMS === undefined ? {} : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS });
    try {
      await client.connect();
      const store = new MongoStore({
        client,
        ownsClient: true,
        dbName,
        description: options.description ?? `MongoDB at ${redactMongoUri(uri)}, database ${dbName}`,
        onClose: options.onClose,
      });
      await store.#ensureIndexes();
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * A store on a client the caller owns: `close()` leaves the client open.
   * Creates the indexes.
   */
  static async fromClient(client: MongoClient, options: MongoStoreClientOptions = {}): Promise<MongoStore> {
    const dbName = options.dbName ?? defaultDbName;
    const store = new MongoStore({
      client,
      ownsClient: false,
      dbName,
      description: options.description ?? `MongoDB (shared client), database ${dbName}`,
      onClose: undefined,
    });
    await store.#ensureIndexes();
    return store;
  }

  async secret(name: string, create: () => string): Promise<string> {
    // $setOnInsert: the first writer's value wins, and every later call (or restart) reads it.
    const document = await this.#secrets.findOneAndUpdate({ _id: name }, { $setOnInsert: { value: create() } }, { upsert: true, returnDocument: 'after' });
    return document!.value;
  }

  async upsertUserByIdentity(newUser: NewUser): Promise<{ user: AppUser; created: boolean }> {
    try {
      return await this.#upsertOnce(newUser);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Two first logins of one sub raced: both found nothing, both inserted,
      // and the unique identity index let one win. The filter now finds the
      // winner's user, so once more is enough. (The server's own retry of
      // upserts on E11000 needs equality on every indexed field; an
      // $elemMatch filter does not qualify.)
      return await this.#upsertOnce(newUser);
    }
  }

  async getUser(appId: string, userId: string): Promise<AppUser | null> {
    const _id = toObjectId(userId);
    if (_id === null) return null;
    const document = await this.#users.findOne({ _id, appId });
    return document === null ? null : userFromDocument(document);
  }

  async listUsers(appId: string): Promise<AppUser[]> {
    // ObjectIds grow with creation time, so _id order is creation order.
    const documents = await this.#users.find({ appId }).sort({ _id: 1 }).toArray();
    return documents.map(userFromDocument);
  }

  async setUserDisabled(appId: string, userId: string, disabled: boolean): Promise<AppUser | null> {
    const _id = toObjectId(userId);
    if (_id === null) return null;
    const document = await this.#users.findOneAndUpdate({ _id, appId }, { $set: { disabled } }, { returnDocument: 'after' });
    return document === null ? null : userFromDocument(document);
  }

  async deleteUser(appId: string, userId: string): Promise<boolean> {
    const _id = toObjectId(userId);
    if (_id === null) return false;
    const { deletedCount } = await this.#users.deleteOne({ _id, appId });
    if (deletedCount === 0) return false;
    // Not one transaction (a standalone mongod has none): a session that
    // outlives its user for a moment finds no user and is refused anyway.
    await this.#sessions.deleteMany({ appId, userId: _id });
    return true;
  }

  async createSession(session: Session): Promise<void> {
    assertObjectIdHex(session.id, 'session id');
    assertObjectIdHex(session.userId, 'session userId');
    await this.#sessions.insertOne({
      _id: toObjectId(session.id)!,
      appId: session.appId,
      userId: toObjectId(session.userId)!,
      deviceId: session.deviceId,
      createdAt: session.createdAt,
      expiresAt: new Date(session.expiresAt * 1000),
    });
  }

  async getSession(sessionId: string): Promise<Session | null> {
    const _id = toObjectId(sessionId);
    if (_id === null) return null;
    const document = await this.#sessions.findOne({ _id });
    return document === null ? null : sessionFromDocument(document);
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    const _id = toObjectId(sessionId);
    if (_id === null) return false;
    const { deletedCount } = await this.#sessions.deleteOne({ _id });
    return deletedCount === 1;
  }

  async deleteUserSessions(appId: string, userId: string): Promise<number> {
    const _id = toObjectId(userId);
    if (_id === null) return 0;
    const { deletedCount } = await this.#sessions.deleteMany({ appId, userId: _id });
    return deletedCount;
  }

  /**
   * MongoDB's TTL monitor deletes sessions by the database's own clock; this deletes them by the
   * server's (moved ahead with `POST /_mock/clock`), through the `expiresAt` index. At most once per
   * minute of that clock, as the TTL monitor: a login pays one round trip a minute, not one each.
   */
  async deleteExpiredSessions(epochSeconds: number): Promise<number> {
    // The clock set back (below the last cutoff) starts over.
    if (epochSeconds < this.#sweptUpTo + 60 && epochSeconds >= this.#sweptUpTo) return 0;
    this.#sweptUpTo = epochSeconds;
    const { deletedCount } = await this.#sessions.deleteMany({ expiresAt: { $lte: new Date(epochSeconds * 1000) } });
    return deletedCount;
  }

  async clear(): Promise<void> {
    // deleteMany, not drop: the indexes stay.
    await Promise.all([this.#users.deleteMany({}), this.#sessions.deleteMany({})]);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsClient) await this.#client.close();
    await this.#onClose?.();
  }

  async #ensureIndexes(): Promise<void> {
    await ensureIndexes(this.#users, this.#sessions);
  }

  async #upsertOnce({ appId, identity, data, now }: NewUser): Promise<{ user: AppUser; created: boolean }> {
    const result = await this.#users.findOneAndUpdate(
      // $elemMatch: providerType and id of one identity (see mongo-indexes.ts).
      // An upsert copies the appId equality into the new user, not the $elemMatch.
      { appId, identities: { $elemMatch: { providerType: identity.providerType, id: identity.id } } },
      {
        $set: { data, lastAuthenticationDate: now },
        $setOnInsert: {
          identities: [{ id: identity.id, providerType: identity.providerType, providerId: identity.providerId }],
          type: 'normal',
          creationDate: now,
          disabled: false,
        },
      },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    if (result.value === null) throw new Error('MongoDB returned no document for an upsert');
    return { user: userFromDocument(result.value), created: result.lastErrorObject?.['upserted'] !== undefined };
  }
}

function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** The ObjectId for a 24-hex string, or null for anything else (a lookup that cannot match). */
function toObjectId(value: string): ObjectId | null {
  return isObjectIdHex(value) ? ObjectId.createFromHexString(value) : null;
}
