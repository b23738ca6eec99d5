/**
 * The App Services store: users, their identities and sessions. Two
 * implementations keep the same contract (test/app-services/store/contract.ts):
 * MongoDB through the official driver, and an in-process memory store for
 * machines with no mongod.
 */

/** An identity of a user: here always a custom JWT `sub` from one provider. */
export interface Identity {
  /** The `sub` of the custom JWT. */
  id: string;
  providerType: 'custom-token';
  /** The provider's id (24-hex, stable per app and provider). */
  providerId: string;
}

/** A user as App Services stores it (Admin API `User` schema). */
export interface AppUser {
  /** 24-hex ObjectId string. */
  id: string;
  appId: string;
  identities: Identity[];
  type: 'normal' | 'server';
  /** Metadata mapped from the last login's token (`metadata_fields`). */
  data: Record<string, unknown>;
  /** Epoch seconds. */
  creationDate: number;
  /** Epoch seconds. */
  lastAuthenticationDate: number;
  disabled: boolean;
}

/** A session: what a refresh token stands for. */
export interface Session {
  /** 24-hex ObjectId string; the access token's `iss` and the refresh token's `baas_id`. */
  id: string;
  appId: string;
  userId: string;
  deviceId: string;
  /** Epoch seconds. */
  createdAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface NewUser {
  appId: string;
  identity: Identity;
  data: Record<string, unknown>;
  /** Epoch seconds. */
  now: number;
}

export interface Store {
  /** "mongodb" or "memory", and where: shown in logs and /health. */
  readonly kind: 'mongodb' | 'memory';
  readonly description: string;

  /**
   * The user with this identity in this app, created if new; either way its
   * `data` is replaced and `lastAuthenticationDate` set to `now`. Atomic: two
   * concurrent first logins of one `sub` give one user.
   */
  upsertUserByIdentity(user: NewUser): Promise<{ user: AppUser; created: boolean }>;
  getUser(appId: string, userId: string): Promise<AppUser | null>;
  /** Users of an app, oldest first. */
  listUsers(appId: string): Promise<AppUser[]>;
  /** Sets `disabled`; returns the user, or null if there is none. */
  setUserDisabled(appId: string, userId: string, disabled: boolean): Promise<AppUser | null>;
  /** Deletes the user and their sessions; false if there was none. */
  deleteUser(appId: string, userId: string): Promise<boolean>;

  createSession(session: Session): Promise<void>;
  /** The session with this id, whatever the app (the session URLs carry no app id). */
  getSession(sessionId: string): Promise<Session | null>;
  /** Deletes one session; false if there was none. */
  deleteSession(sessionId: string): Promise<boolean>;
  /** Deletes every session of a user; returns how many. */
  deleteUserSessions(appId: string, userId: string): Promise<number>;
  /**
   * Deletes sessions whose `expiresAt` is at or before `epochSeconds` (the server's clock, which may
   * run ahead of the machine's), so memory follows the sessions alive. It may leave some for a later
   * call (it never scans the whole store); returns how many it deleted.
   */
  deleteExpiredSessions(epochSeconds: number): Promise<number>;

  /**
   * The value stored under `name`, or `create()`'s, stored now. The secret that
   * signs session tokens lives here, so tokens stay valid as long as their sessions do.
   */
  secret(name: string, create: () => string): Promise<string>;

  /** Empties the store (POST /_mock/reset with `appServices: true`; tests). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
