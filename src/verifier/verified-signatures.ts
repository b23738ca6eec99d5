import type { CryptoKey } from 'jose';

/** A token whose signature has been verified, and with what. */
export interface VerifiedSignature {
  kid: string;
  alg: string;
  /** The exact key object that verified it (the JWKS cache keeps one per kid and algorithm while the JWK is unchanged). */
  key: CryptoKey;
  /** The payload bytes the signature covers. */
  payload: Uint8Array;
}

/**
 * Signatures already verified, by the exact token string, at most `limit` of
 * them (the oldest is forgotten first). It remembers only what was verified,
 * so a forged or altered token can never be in it; a hit still goes through
 * the JWKS cache for its kid, counts only if that returns the very key that
 * verified it, and leaves every claim check (time, issuer, audience,
 * token_use) to run again.
 *
 * Why: jose verifies with WebCrypto, whose every call hops to libuv's
 * threadpool; one verification at a time is about 4× slower than node:crypto
 * on the event loop. Services see the same token many times (a session's
 * requests), and those repeats then cost a map lookup.
 *
 * @example
 * const seen = new VerifiedSignatures(1024);
 * seen.remember(token, { kid, alg, key, payload });
 * seen.lookup(token)?.payload;
 */
export class VerifiedSignatures {
  readonly #limit: number;
  readonly #entries = new Map<string, VerifiedSignature>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  lookup(token: string): VerifiedSignature | undefined {
    return this.#entries.get(token);
  }

  remember(token: string, verified: VerifiedSignature): void {
    if (this.#limit === 0) return;
    this.#entries.delete(token);
    if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, verified);
  }

  forget(token: string): void {
    this.#entries.delete(token);
  }
}
