import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';

/** What an authorization code stands for, fixed when /oauth2/authorize issues it. */
export interface AuthorizationGrant {
  poolId: string;
  clientId: string;
  username: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string | undefined;
  /** The S256 `code_challenge`, when the client sent one. */
  codeChallenge?: string | undefined;
  /** Epoch seconds of the hosted-UI sign-in (the tokens' `auth_time`). */
  authTime: number;
}

/**
 * Authorization codes: random, single use, valid for 5 minutes on the
 * server's clock (reference/cognito.md §2.4). In memory.
 */
export class AuthorizationCodes {
  static readonly lifetimeSeconds = 300;
  readonly #clock: Clock;
  readonly #codes = new Map<string, { grant: AuthorizationGrant; expiresAtMs: number }>();

  constructor({ clock }: { clock: Clock }) {
    this.#clock = clock;
  }


  /** A new code for `grant`. Cognito's codes look like UUIDs. */
  issue(grant: AuthorizationGrant): string {
    const now = this.#clock.now();
    for (const [code, entry] of this.#codes) if (entry.expiresAtMs <= now) this.#codes.delete(code);
    const code = randomUUID();
    this.#codes.set(code, { grant: structuredClone(grant), expiresAtMs: now + AuthorizationCodes.lifetimeSeconds * 1000 });
    return code;
  }

  /** The code's grant, once: any attempt uses the code up. Undefined for an unknown, used or expired code. */
  redeem(code: string): AuthorizationGrant | undefined {
    const entry = this.#codes.get(code);
    if (!entry) return undefined;
    this.#codes.delete(code);
    return entry.expiresAtMs > this.#clock.now() ? entry.grant : undefined;
  }

  clear(): void {
    this.#codes.clear();
  }
}
