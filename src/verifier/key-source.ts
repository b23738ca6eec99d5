import type { CryptoKey, JWK } from 'jose';

/**
 * Where a verifier gets its public keys: the seam between checking a token
 * and finding the key that signed it. {@link JwksCache} is the one that
 * fetches a JWKS over HTTP; {@link LocalKeySource} reads keys held in the
 * same process. A verifier uses one through `createVerifier({ …, keySource })`.
 *
 * @example
 * const source: KeySource = new LocalKeySource('https://issuer.test/.well-known/jwks.json', () => jwks.keys);
 * const key = await source.getKey(kid, 'RS256');
 */
export interface KeySource {
  /** The JWKS URI the keys are those of; messages name it, and the verifier's `jwksUri` is it. */
  readonly uri: string;
  /**
   * The key with this `kid`, for this algorithm. Rejects with a `VerificationError`: `UNKNOWN_KID`,
   * or `JWKS_UNAVAILABLE` / `JWKS_INVALID` when the keys cannot be had. While the key is unchanged it
   * resolves to the very same object: a verifier trusts a signature it verified before only while the
   * source still hands out the key that verified it.
   */
  getKey(kid: string, alg: string): Promise<CryptoKey>;
  /**
   * Optional: the key `getKey` would resolve to, when it can be had without waiting (the keys are loaded,
   * fresh, and this one imported), else undefined. A verifier uses it to verify without a promise turn; where
   * it gives undefined, the verifier awaits `getKey`. It must never give a key `getKey` would not.
   */
  keyNow?(kid: string, alg: string): CryptoKey | undefined;
  /** The public JWK with this `kid` as the source has it now, without fetching (the verifier checks its `alg`). */
  peek(kid: string): JWK | undefined;
  /** Loads the keys again now (a JWKS source fetches it). */
  refresh(): Promise<void>;
}
