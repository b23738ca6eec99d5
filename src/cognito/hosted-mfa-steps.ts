import type { Clock } from '../clock.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';

/**
 * A hosted-login sign-in waiting for its MFA step: the password was right and the API would have
 * answered `challenge` with the sealed `session`. The browser never sees the session: it is held here,
 * under the login form's CSRF token, so a forged form field cannot start or skip a step.
 */
export interface PendingMfa {
  poolId: string;
  clientId: string;
  username: string;
  /** The challenge the API would answer now (SOFTWARE_TOKEN_MFA, MFA_SETUP, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE). */
  challenge: string;
  /** The challenge's sealed Session (ChallengeSessions): its own 3-minute expiry and one use. */
  session: string;
  /** The challenge's ChallengeParameters (the device name, where a code was sent, the choices). */
  parameters: Record<string, string>;
  /** MFA_SETUP: the new authenticator-app secret the page shows. */
  secret?: string;
}

/**
 * The hosted login's pending MFA steps, one per browser (CSRF token), for as long as the API's
 * challenge sessions live (Cognito's default AuthSessionValidity, 3 minutes) on the server's clock.
 * In memory; expired steps are forgotten a few at a time as new ones are held (no scan, no timer).
 */
export class HostedMfaSteps {
  static readonly lifetimeSeconds = 180;
  readonly #clock: Clock;
  readonly #steps = new Map<string, PendingMfa & { expiresAtMs: number }>();
  readonly #expiry = new ExpiryQueue<string>();

  constructor({ clock }: { clock: Clock }) {
    this.#clock = clock;
  }

  /** Steps held (not yet finished, dropped or forgotten). */
  get size(): number {
    return this.#steps.size;
  }

  /** Holds `step` for the browser with CSRF token `token`, replacing any step it had; the 3 minutes start now. */
  hold(token: string, step: PendingMfa): void {
    const now = this.#clock.now();
    for (const expired of this.#expiry.takeExpired(now, sweepLimit)) this.#steps.delete(expired);
    const expiresAtMs = now + HostedMfaSteps.lifetimeSeconds * 1000;
    this.#steps.set(token, { ...step, expiresAtMs });
    this.#expiry.set(token, expiresAtMs);
  }

  /** Moves on to the next step of the same sign-in (SELECT_MFA_TYPE → the chosen one), keeping its expiry. */
  advance(token: string, step: PendingMfa): void {
    const held = this.#steps.get(token);
    if (held) this.#steps.set(token, { ...step, expiresAtMs: held.expiresAtMs });
  }

  /** The live step of this browser for this pool and client, or undefined (none, another client's, or expired). */
  find(token: string, poolId: string, clientId: string): PendingMfa | undefined {
    const step = this.#steps.get(token);
    if (!step || step.poolId !== poolId || step.clientId !== clientId) return undefined;
    if (step.expiresAtMs <= this.#clock.now()) {
      this.drop(token);
      return undefined;
    }
    const { expiresAtMs: _expires, ...pending } = step;
    return pending;
  }

  drop(token: string): void {
    this.#steps.delete(token);
    this.#expiry.delete(token);
  }
}

/** Expired steps forgotten per hold at most: more than one, so a backlog (after the clock moved) drains. */
const sweepLimit = 64;
