import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';

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
 * server's clock (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html). In memory;
 * an expired code is forgotten within a few issues of its expiry (a sweep of the soonest to expire,
 * bounded per issue), and refused the same way until then.
 */
export class AuthorizationCodes {
  static readonly lifetimeSeconds = 300;
  readonly #clock: Clock;
  readonly #codes = new Map<string, { grant: AuthorizationGrant; expiresAtMs: number }>();
  readonly #expiry = new ExpiryQueue<string>();

  constructor({ clock }: { clock: Clock }) {
    this.#clock = clock;
  }

  /** Codes held (issued, not yet redeemed or forgotten). */
  get size(): number {
    return this.#codes.size;
  }

  /** A new code for `grant`. Cognito's codes look like UUIDs. */
  issue(grant: AuthorizationGrant): string {
    const now = this.#clock.now();
    for (const expired of this.#expiry.takeExpired(now, sweepLimit)) this.#codes.delete(expired);
    const code = randomUUID();
    const expiresAtMs = now + AuthorizationCodes.lifetimeSeconds * 1000;
    this.#codes.set(code, { grant: structuredClone(grant), expiresAtMs });
    this.#expiry.set(code, expiresAtMs);
    return code;
  }

  /** The code's grant, once: any attempt uses the code up. Undefined for an unknown, used or expired code. */
  redeem(code: string): AuthorizationGrant | undefined {
    const entry = this.#codes.get(code);
    if (!entry) return undefined;
    this.#codes.delete(code);
    this.#expiry.delete(code);
    return entry.expiresAtMs > this.#clock.now() ? entry.grant : undefined;
  }

  clear(): void {
    this.#codes.clear();
    this.#expiry.clear();
  }
}

/** Expired codes forgotten per issue at most: more than one, so a backlog (after the clock moved) drains. */
const sweepLimit = 64;
