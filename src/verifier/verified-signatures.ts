import type { CryptoKey } from 'jose';

/** A token whose signature has been verified, and with what. */
export interface VerifiedSignature {
  kid: string;
  alg: string;
  /** The exact key object that verified it (the JWKS cache keeps one per kid and algorithm while the JWK is unchanged). */
  key: CryptoKey;
  /**
   * The payload the signature covers, as its JSON text. Text, not the bytes jose returns: each of those is a
   * Uint8Array with its own ArrayBuffer, and holding a thousand of them cost event-loop time on every verification
   * of distinct tokens (the garbage collector tracks every ArrayBuffer; docs/reference/performance.md).
   */
  payload: string;
}

/**
 * Signatures already verified, by the exact token string, at most `limit` of
 * them (the oldest is forgotten first). It remembers only what was verified,
 * so a forged or altered token can never be in it; a hit still goes through
 * the JWKS cache for its kid, counts only if that returns the very key that
 * verified it, and leaves every claim check (time, issuer, audience,
 * token_use) to run again.
 *
 * A token is remembered from its second verification on. The first is only
 * noted, by a fingerprint (a number made of the token's last 8 characters, the
 * end of its signature) in a ring of `limit` of them: where tokens are distinct, keeping
 * each one whole with its payload, never to be asked for again, cost
 * event-loop time on every verification (they outlive the young
 * generation, so the garbage collector moves them and marks them). Two tokens
 * with one fingerprint only make the second remembered a verification early.
 *
 * Why: an RS256-2048 signature check costs ~30 µs even with node:crypto on
 * the event loop (rs256.ts), and more through jose's WebCrypto
 * (docs/reference/performance.md). Services see the same token many times (a session's
 * requests), and those repeats then cost a map lookup.
 *
 * @example
 * const seen = new VerifiedSignatures(1024);
 * seen.remember(token, { kid, alg, key, payload }); // noted
 * seen.remember(token, { kid, alg, key, payload }); // remembered
 * seen.lookup(token)?.payload;
 */
export class VerifiedSignatures {
  readonly #limit: number;
  readonly #entries = new Map<string, { slot: number; verified: VerifiedSignature }>();
  /**
   * The tokens in the order they were remembered: a ring whose next slot holds the oldest once it is full. Not
   * `map.keys().next()`: V8 leaves a deleted entry as a hole at the front of a Map until it rehashes, so finding the
   * oldest that way scans the holes, on every verification of distinct tokens once the memory is full.
   */
  readonly #order: string[] = [];
  #next = 0;
  /** Fingerprints of tokens verified once, and the ring that bounds them (its next slot holds the oldest). */
  readonly #notedOnce = new Set<number>();
  readonly #notedOrder: number[] = [];
  #nextNoted = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  lookup(token: string): VerifiedSignature | undefined {
    return this.#entries.get(token)?.verified;
  }

  /** Notes a verified token the first time, remembers it from the second. */
  remember(token: string, verified: VerifiedSignature): void {
    if (this.#limit === 0 || this.#noteFirstSight(token)) return;
    const slot = this.#next;
    const oldest = this.#order[slot];
    // The slot's token may have been forgotten, or remembered again since in a newer slot: then it is not the one to drop.
    if (oldest !== undefined && this.#entries.get(oldest)?.slot === slot) this.#entries.delete(oldest);
    this.#order[slot] = token;
    this.#entries.set(token, { slot, verified });
    this.#next = (slot + 1) % this.#limit;
  }

  forget(token: string): void {
    this.#entries.delete(token);
  }

  /** True when the token had not been noted: it is noted now (forgetting the oldest note), and not remembered yet. */
  #noteFirstSight(token: string): boolean {
    const fingerprint = fingerprintOf(token);
    if (this.#notedOnce.delete(fingerprint)) return false;
    const slot = this.#nextNoted;
    const oldest = this.#notedOrder[slot];
    if (oldest !== undefined) this.#notedOnce.delete(oldest);
    this.#notedOrder[slot] = fingerprint;
    this.#notedOnce.add(fingerprint);
    this.#nextNoted = (slot + 1) % this.#limit;
    return true;
  }
}

/**
 * A small integer from the token's last 8 characters (the end of its signature, so distinct tokens differ
 * there): a note costs no string, and a Set of small integers hashes them without reading a string.
 */
function fingerprintOf(token: string): number {
  let fingerprint = token.length;
  for (let i = Math.max(0, token.length - 8); i < token.length; i++) fingerprint = (Math.imul(fingerprint, 31) + token.charCodeAt(i)) | 0;
  return fingerprint & 0x3fffffff;
}
