import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

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
 * server's clock, as Cognito's cookie (reference/cognito.md §2.4). In memory.
 */
export class HostedUiSessions {
  static readonly lifetimeSeconds = 3600;
  readonly #clock: Clock;
  readonly #sessions = new Map<string, HostedUiSession>();

  constructor({ clock }: { clock: Clock }) {
    this.#clock = clock;
  }


  start(poolId: string, clientId: string, username: string): HostedUiSession {
    const now = this.#clock.now();
    for (const [id, s] of this.#sessions) if (s.expiresAtMs <= now) this.#sessions.delete(id);
    const session = {
      id: randomBytes(32).toString('base64url'),
      poolId,
      clientId,
      username,
      authTime: Math.floor(now / 1000),
      expiresAtMs: now + HostedUiSessions.lifetimeSeconds * 1000,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id for this pool and client, or undefined. */
  find(id: string | undefined, poolId: string, clientId: string): HostedUiSession | undefined {
    const session = id === undefined ? undefined : this.#sessions.get(id);
    if (!session || session.poolId !== poolId || session.clientId !== clientId) return undefined;
    if (session.expiresAtMs <= this.#clock.now()) {
      this.#sessions.delete(session.id);
      return undefined;
    }
    return session;
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }

  clear(): void {
    this.#sessions.clear();
  }
}
