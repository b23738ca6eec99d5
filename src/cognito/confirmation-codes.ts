import { randomInt } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';
import { sameSecret } from '../security/constant-time.js';
import type { CustomMessage } from '../triggers/custom-message.js';
import { CognitoError } from './errors.js';

/**
 * What a code confirms: a sign-up, an attribute (email, phone_number), a forgotten password, a sign-in
 * (USER_AUTH's EMAIL_OTP and SMS_OTP), MFA after the password (SMS_MFA, EMAIL_OTP as MFA), or the
 * invitation AdminCreateUser sends (its code is the temporary password; one per email or phone number).
 */
export type CodePurpose = 'SIGN_UP' | 'VERIFY_ATTRIBUTE' | 'FORGOT_PASSWORD' | 'SIGN_IN' | 'MFA' | 'INVITATION';

/** A code as mock-idp "sent" it; `GET /_mock/pools/{pool}/users/{username}/codes` lists these. */
export interface IssuedCode {
  purpose: CodePurpose;
  code: string;
  /** The attribute it was sent to (or verifies); null when the user has neither email nor phone. */
  attributeName: string | null;
  deliveryMedium: 'EMAIL' | 'SMS' | null;
  /** The attribute's value, unmasked. */
  destination: string | null;
  /** Epoch seconds. */
  createdAt: number;
  expiresAt: number;
  /** The message the pool's custom message function made for this code (with the code in it), when the pool has one. */
  message?: CustomMessage;
}

/**
 * Cognito's code lifetimes: 24 hours for sign-up and attribute codes, 1 hour for password reset;
 * a sign-in or MFA code lives as long as the challenge session it answers (3 minutes; the developer
 * guide ties SMS MFA codes to the app client's authentication flow session duration,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-text-message.html).
 * An invitation is listed for 7 days, the default TemporaryPasswordValidityDays (the password itself does not expire).
 */
const lifetimeSeconds: Record<CodePurpose, number> = { SIGN_UP: 86_400, VERIFY_ATTRIBUTE: 86_400, FORGOT_PASSWORD: 3600, SIGN_IN: 180, MFA: 180, INVITATION: 7 * 86_400 };

/**
 * Digits per code: 6 (MFA codes too), and 8 for sign-in one-time passwords. The API reference does not
 * state the length; 8 is mock-idp's reading of the one-time passwords Cognito sends for passwordless
 * sign-in, 6 that of the "short code" the developer guide's SMS and email MFA page describes.
 */
const digits: Record<CodePurpose, number> = { SIGN_UP: 6, VERIFY_ATTRIBUTE: 6, FORGOT_PASSWORD: 6, SIGN_IN: 8, MFA: 6, INVITATION: 6 };

/**
 * The codes Cognito would email or text, kept in memory so tests and
 * people can read them (control API, info log). A new code replaces the
 * previous one of the same purpose; a used code is gone. Forgotten by
 * POST /_mock/reset, with their user (deleted) or pool (DeleteUserPool).
 *
 * Memory: a user holds at most one code per purpose (and per attribute), and
 * a code is dropped one lifetime after it expired: until then it is what tells
 * the right code (ExpiredCodeException) from a wrong one (CodeMismatchException),
 * as Cognito does; after, it is answered as any wrong code. Drops are swept a
 * bounded number at a time when a code is issued, on the server's clock.
 */
export class ConfirmationCodes {
  readonly #clock: Clock;
  readonly #codes = new Map<string, IssuedCode[]>();
  /** Users' keys by when their oldest code is to be dropped (epoch seconds). */
  readonly #drops = new ExpiryQueue<string>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Keeps a new code for the user (`prepared`: one made with {@link newCode} beforehand, and its message). */
  issue(
    pool: string,
    username: string,
    purpose: CodePurpose,
    to: { attributeName: string | null; deliveryMedium: 'EMAIL' | 'SMS' | null; destination: string | null },
    prepared?: { code: string; message?: CustomMessage | undefined },
  ): IssuedCode {
    const now = Math.floor(this.#clock.now() / 1000);
    const code: IssuedCode = {
      purpose,
      code: prepared?.code ?? newCode(purpose),
      ...to,
      createdAt: now,
      expiresAt: now + lifetimeSeconds[purpose],
      ...(prepared?.message ? { message: prepared.message } : {}),
    };
    const key = keyOf(pool, username);
    this.#sweep(now);
    this.#keep(key, [...this.list(pool, username).filter((c) => !sameSlot(c, code)), code]);
    return code;
  }

  /**
   * The code, if `given` is it and it is still good, without using it up (a trigger that runs between the
   * check and the use can still fail the request); throws as {@link use} does.
   */
  check(pool: string, username: string, purpose: CodePurpose, given: string, attributeName: string | null = null): IssuedCode {
    const found = this.list(pool, username).find((c) => c.purpose === purpose && (attributeName === null || c.attributeName === attributeName));
    if (!found || !sameSecret(given, found.code)) throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    if (found.expiresAt <= Math.floor(this.#clock.now() / 1000)) {
      throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
    }
    return found;
  }

  /**
   * Uses the code: CodeMismatchException when it is not the one sent,
   * ExpiredCodeException when it is too old (Cognito's messages).
   */
  use(pool: string, username: string, purpose: CodePurpose, given: string, attributeName: string | null = null): IssuedCode {
    const found = this.check(pool, username, purpose, given, attributeName);
    this.#keep(
      keyOf(pool, username),
      this.list(pool, username).filter((c) => c !== found),
    );
    return found;
  }

  /** Every code of the user that has not been used, oldest first. */
  list(pool: string, username: string): IssuedCode[] {
    return this.#codes.get(keyOf(pool, username)) ?? [];
  }

  /** Forgets the user's codes (user deleted). */
  forget(pool: string, username: string): void {
    this.#keep(keyOf(pool, username), []);
  }

  /** Forgets the codes of every user of a deleted pool. */
  forgetPool(pool: string): void {
    for (const key of [...this.#codes.keys()]) if (key.startsWith(`${pool}/`)) this.#keep(key, []);
  }

  /** Stores the user's codes (none: forgets the user) and when the oldest is to be dropped. */
  #keep(key: string, codes: IssuedCode[]): void {
    if (codes.length === 0) {
      this.#codes.delete(key);
      this.#drops.delete(key);
      return;
    }
    this.#codes.set(key, codes);
    this.#drops.set(key, Math.min(...codes.map(dropAt)));
  }

  /** Drops the codes one lifetime past their expiry, for a bounded number of users. */
  #sweep(now: number): void {
    for (const key of this.#drops.takeExpired(now, 64)) {
      this.#keep(
        key,
        (this.#codes.get(key) ?? []).filter((c) => dropAt(c) > now),
      );
    }
  }

  /** Users holding codes. */
  get size(): number {
    return this.#codes.size;
  }

  clear(): void {
    this.#codes.clear();
    this.#drops.takeExpired(Infinity);
  }
}

/** A new random code of the purpose's length. */
export function newCode(purpose: CodePurpose): string {
  return String(randomInt(10 ** digits[purpose])).padStart(digits[purpose], '0');
}

/** When a code is forgotten: one lifetime after it expired. */
function dropAt(code: IssuedCode): number {
  return code.expiresAt + lifetimeSeconds[code.purpose];
}

function keyOf(pool: string, username: string): string {
  return `${pool}/${username.toLowerCase()}`;
}

function sameSlot(a: IssuedCode, b: IssuedCode): boolean {
  return a.purpose === b.purpose && ((a.purpose !== 'VERIFY_ATTRIBUTE' && a.purpose !== 'INVITATION') || a.attributeName === b.attributeName);
}
