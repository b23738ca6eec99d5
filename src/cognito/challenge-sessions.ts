import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';
import { CognitoError } from './errors.js';

/** A USER_SRP_AUTH challenge: what the PASSWORD_VERIFIER answer is checked against. Big integers in base64. */
export interface SrpChallenge {
  kind: 'srp';
  pool: string;
  client: string;
  /** USER_ID_FOR_SRP: the username the signature covers. */
  username: string;
  /** False for a user who does not exist: the challenge is answered, the answer always fails. */
  known: boolean;
  A: string;
  B: string;
  b: string;
  /** Set when this PASSWORD_VERIFIER is a step of CUSTOM_AUTH (started with `CHALLENGE_NAME: SRP_A`): the rounds before it. */
  customAuth?: ChallengeResult[];
}

/** A NEW_PASSWORD_REQUIRED challenge (the `Session` a FORCE_CHANGE_PASSWORD user gets). */
export interface NewPasswordChallenge {
  kind: 'new-password';
  pool: string;
  client: string;
  username: string;
}

/**
 * An MFA challenge: the password is proven and a code is due, of the `type` the user was asked for
 * (absent: SOFTWARE_TOKEN_MFA); or SELECT_MFA_TYPE, where the user picks one of `choices` first.
 */
export interface MfaChallenge {
  kind: 'mfa';
  pool: string;
  client: string;
  username: string;
  type?: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP' | 'SELECT_MFA_TYPE';
  choices?: string[];
  /** EMAIL_OTP after an MFA_SETUP answer with `EMAIL`: the address the code went to, set on the user once the code is right. */
  setupEmail?: string;
}

/**
 * An MFA_SETUP challenge: the password is proven and the pool requires MFA the user has not set up.
 * AssociateSoftwareToken and VerifySoftwareToken take it and hand on a new one; `verified` once
 * VerifySoftwareToken accepted a code, when RespondToAuthChallenge MFA_SETUP completes the sign-in.
 */
export interface MfaSetupChallenge {
  kind: 'mfa-setup';
  pool: string;
  client: string;
  username: string;
  verified: boolean;
}

/**
 * A USER_AUTH (choice-based sign-in) step: the SELECT_CHALLENGE, PASSWORD or EMAIL_OTP challenge
 * the user was given, or SIGN_UP: the Session ConfirmSignUp hands out, which InitiateAuth USER_AUTH
 * takes once to sign the just-confirmed user in. `known` is false for a user who does not exist (every answer fails).
 */
export interface UserAuthChallenge {
  kind: 'user-auth';
  step: 'SELECT_CHALLENGE' | 'PASSWORD' | 'EMAIL_OTP' | 'SIGN_UP' | 'WEB_AUTHN' | 'SMS_OTP';
  pool: string;
  client: string;
  username: string;
  known: boolean;
  /** WEB_AUTHN: the challenge (base64url) of the CREDENTIAL_REQUEST_OPTIONS the assertion must sign. */
  webAuthnChallenge?: string;
}

/**
 * One round of a CUSTOM_AUTH sign-in, as the challenge triggers' events list it in `session`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html):
 * `challengeMetadata` is CreateAuthChallenge's name for a CUSTOM_CHALLENGE, null otherwise.
 */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata: string | null;
}

/**
 * A CUSTOM_AUTH sign-in waiting for the answer to a CUSTOM_CHALLENGE: the rounds so far, and what
 * CreateAuthChallenge gave for this one (its private parameters never reach the client: they are sealed).
 * `known` is false for a user who does not exist (PreventUserExistenceErrors ENABLED: the triggers see `userNotFound`).
 */
export interface CustomAuthChallenge {
  kind: 'custom-auth';
  pool: string;
  client: string;
  username: string;
  known: boolean;
  session: ChallengeResult[];
  privateChallengeParameters: Record<string, string>;
  challengeMetadata: string | null;
}

export type Challenge = SrpChallenge | NewPasswordChallenge | MfaChallenge | MfaSetupChallenge | UserAuthChallenge | CustomAuthChallenge;
type Opened<K extends Challenge['kind']> = Extract<Challenge, { kind: K }> & { id: string };
/** What a sealed string holds: the challenge, its id (for {@link ChallengeSessions.consume}) and when it expires. */
type Sealed = Challenge & { id: string; exp: number };

const expired = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');

/**
 * Challenge state sealed into the opaque strings Cognito hands out (the
 * SRP `SECRET_BLOCK`, the challenge `Session`): AES-256-GCM under a key that
 * never leaves this process, so a client can neither read nor forge one, and
 * each is bound to its pool, client and user. Each lives for Cognito's default
 * AuthSessionValidity (3 minutes) and can be used once ({@link consume}).
 */
export class ChallengeSessions {
  readonly #clock: Clock;
  readonly #lifetimeMs: number;
  #key = randomBytes(32);
  /**
   * Each seal's 96-bit GCM nonce: a random 32-bit prefix and a 64-bit count, new with each key (NIST SP 800-38D,
   * 8.2.1, the deterministic construction): unique under the key, with no call to the system's generator per seal.
   */
  #nonce = freshNonce();
  /** Used ids, until they expire anyway: forgotten a few at a time as challenges are sealed (no scan, no timer). */
  readonly #used = new ExpiryQueue<string>();
  /** The token {@link kindOf} last read and what it holds, so that the {@link open} after it does not decrypt it again. */
  #lastRead: { token: string; sealed: Sealed } | undefined;

  constructor(clock: Clock, lifetimeSeconds = 180) {
    this.#clock = clock;
    this.#lifetimeMs = lifetimeSeconds * 1000;
  }

  seal(challenge: Challenge): string {
    const now = this.#clock.now();
    // More than one per seal, so a backlog (after the clock moved) drains.
    this.#used.takeExpired(now, 64);
    const iv = Buffer.from(this.#nonce);
    this.#nonce.writeBigUInt64BE(this.#nonce.readBigUInt64BE(4) + 1n, 4);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const plain = Buffer.from(JSON.stringify({ ...challenge, id: randomUUID(), exp: now + this.#lifetimeMs }));
    return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString('base64');
  }

  /** The challenge sealed in `token`: NotAuthorizedException when it is not one of ours, of another kind, expired or used. */
  open<K extends Challenge['kind']>(kind: K, token: unknown): Opened<K> {
    if (typeof token !== 'string') throw expired();
    const lastRead = this.#lastRead;
    this.#lastRead = undefined;
    const sealed = lastRead?.token === token ? lastRead.sealed : this.#unseal(token);
    if (!sealed || sealed.kind !== kind || sealed.exp <= this.#clock.now() || this.#used.has(sealed.id)) throw expired();
    return sealed as unknown as Opened<K>;
  }

  /**
   * The kind of challenge sealed in `token` (undefined when it is not one of ours), for a ChallengeName
   * two kinds share (EMAIL_OTP: USER_AUTH's first factor or MFA); {@link open} still does every check.
   */
  kindOf(token: unknown): Challenge['kind'] | undefined {
    if (typeof token !== 'string') return undefined;
    const sealed = this.#unseal(token);
    this.#lastRead = sealed ? { token, sealed } : undefined;
    return sealed?.kind;
  }

  /** Used challenge ids remembered (a sealed challenge itself lives only in the client's hands). */
  get usedHeld(): number {
    return this.#used.size;
  }

  /** Forgets every challenge handed out (POST /_mock/reset): a new key, so none of them opens any more. */
  reset(): void {
    this.#key = randomBytes(32);
    this.#nonce = freshNonce();
    this.#used.clear();
    this.#lastRead = undefined;
  }

  /** Marks a challenge used: opening it again fails. */
  consume(challenge: { id: string }): void {
    this.#used.set(challenge.id, this.#clock.now() + this.#lifetimeMs);
  }

  #unseal(token: string): Sealed | null {
    try {
      const bytes = Buffer.from(token, 'base64');
      if (bytes.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(-16));
      // Sealed by #seal with this key: the authentication tag vouches for the shape.
      return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]).toString('utf8')) as Sealed;
    } catch {
      return null;
    }
  }
}

/** A nonce to count from: 4 random bytes, then a count of 0. */
function freshNonce(): Buffer {
  return Buffer.concat([randomBytes(4), Buffer.alloc(8)]);
}
