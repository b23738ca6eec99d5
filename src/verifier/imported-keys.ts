import { importJWK, type CryptoKey, type JWK } from 'jose';

/** One key of a set: its public JWK, and the key imported for each algorithm asked for. */
export class ImportedKey {
  readonly jwk: JWK;
  /** By algorithm: RS256 and PS256 use the same RSA key differently. */
  readonly #byAlg = new Map<string, Promise<CryptoKey>>();
  /** The keys whose import has finished, by algorithm: what {@link ImportedKey.importedFor} hands out without waiting. */
  readonly #imported = new Map<string, CryptoKey>();

  constructor(jwk: JWK) {
    this.jwk = jwk;
  }

  /** The key for `alg`, imported on first use and the same object after. */
  forAlg(alg: string): Promise<CryptoKey> {
    let key = this.#byAlg.get(alg);
    if (!key) {
      key = importJWK(this.jwk, alg) as Promise<CryptoKey>;
      // A key that cannot be imported is not kept, so a corrected key set can replace it.
      key.then(
        (imported) => this.#imported.set(alg, imported),
        () => this.#byAlg.delete(alg),
      );
      this.#byAlg.set(alg, key);
    }
    return key;
  }

  /** The key for `alg` if {@link ImportedKey.forAlg} has already imported it (the very same object), else undefined. */
  importedFor(alg: string): CryptoKey | undefined {
    return this.#imported.get(alg);
  }
}

/**
 * A key set by kid, whose keys are imported once: a new set keeps the
 * imported keys of every JWK it has unchanged (same kid, `n`, `e` and `alg`),
 * so a verifier's memory of what a key verified outlives a refetch that did
 * not change it.
 *
 * @example
 * const keys = new ImportedKeys();
 * keys.replace(jwks.keys);
 * const key = await keys.get(kid)?.forAlg('RS256');
 */
export class ImportedKeys {
  #keys = new Map<string, ImportedKey>();

  get size(): number {
    return this.#keys.size;
  }

  /** The kids, in the order of the set. */
  get kids(): string[] {
    return [...this.#keys.keys()];
  }

  get(kid: string): ImportedKey | undefined {
    return this.#keys.get(kid);
  }

  /** Takes `jwks` (each with a string kid) as the set. */
  replace(jwks: readonly JWK[]): void {
    const previous = this.#keys;
    this.#keys = new Map(
      jwks.map((jwk) => {
        const kept = previous.get(jwk.kid!);
        return [jwk.kid!, kept && sameKey(kept.jwk, jwk) ? kept : new ImportedKey(jwk)];
      }),
    );
  }
}

const sameKey = (a: JWK, b: JWK) => a === b || (a.n === b.n && a.e === b.e && a.alg === b.alg);
