import type { Clock } from '../clock.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';
import { pooledRandomBytes } from '../runtime/random-bytes.js';

/** A browser signed in to the hosted UI, for one app client of one pool. */
export interface HostedUiSession {
  id: string;
  poolId: string;
  clientId: string;
  username: string;
  /** Epoch seconds of the sign-in (the tokens' `auth_time`). */
  authTime: number;
  expiresAtMs: number;
}

/**
 * Hosted-UI sessions: what the session cookie points at. One hour on the
 * server's clock, as Cognito's `cognito` cookie
 * (https://repost.aws/knowledge-center/cognito-logout-endpoint-globalsignoutapi). In memory.
 */
export class HostedUiSessions {
  static readonly lifetimeSeconds = 3600;
  readonly #clock: Clock;
  readonly #sessions = new Map<string, HostedUiSession>();
  /** Expired sessions are forgotten a few at a time as new ones start (no scan, no timer). */
  readonly #expiry = new ExpiryQueue<string>();

  constructor({ clock }: { clock: Clock }) {
    this.#clock = clock;
  }

  /** Sessions held (started, not yet ended or forgotten). */
  get size(): number {
    return this.#sessions.size;
  }

  start(poolId: string, clientId: string, username: string): HostedUiSession {
    const now = this.#clock.now();
    for (const expired of this.#expiry.takeExpired(now, sweepLimit)) this.#sessions.delete(expired);
    const session = {
      id: pooledRandomBytes(32).toString('base64url'),
      poolId,
      clientId,
      username,
      authTime: Math.floor(now / 1000),
      expiresAtMs: now + HostedUiSessions.lifetimeSeconds * 1000,
    };
    this.#sessions.set(session.id, session);
    this.#expiry.set(session.id, session.expiresAtMs);
    return session;
  }

  /** The live session with this id for this pool and client, or undefined. */
  find(id: string | undefined, poolId: string, clientId: string): HostedUiSession | undefined {
    const session = id === undefined ? undefined : this.#sessions.get(id);
    if (!session || session.poolId !== poolId || session.clientId !== clientId) return undefined;
    if (session.expiresAtMs <= this.#clock.now()) {
      this.end(session.id);
      return undefined;
    }
    return session;
  }

  end(id: string | undefined): void {
    if (id === undefined) return;
    this.#sessions.delete(id);
    this.#expiry.delete(id);
  }

  clear(): void {
    this.#sessions.clear();
    this.#expiry.clear();
  }
}

/** Expired sessions forgotten per start at most: more than one, so a backlog (after the clock moved) drains. */
const sweepLimit = 64;
