import type { CryptoKey, JWK } from 'jose';
import { VerificationError } from './errors.js';
import { ImportedKeys } from './imported-keys.js';
import type { KeySource } from './key-source.js';

/**
 * A {@link KeySource} over public keys held in this process (an issuer
 * verifying its own tokens, a test's fixed keys): no HTTP, so no freshness,
 * no stale copy and no cooldown. `jwks` is read at every lookup, so a key
 * appears or goes the moment the caller's set changes; a key it keeps
 * unchanged is imported once.
 *
 * @example
 * const source = new LocalKeySource('http://127.0.0.1:4455/us-east-1_LocalPool/.well-known/jwks.json', () => publicJwks);
 * const verifier = createVerifier({ issuer, clientId: null, tokenUse: 'access', keySource: source });
 */
export class LocalKeySource implements KeySource {
  readonly uri: string;
  readonly #jwks: () => readonly JWK[];
  readonly #keys = new ImportedKeys();

  /** `uri`: the JWKS URI these keys are published at (messages name it); `jwks`: the public keys, each with a kid. */
  constructor(uri: string, jwks: () => readonly JWK[]) {
    this.uri = uri;
    this.#jwks = jwks;
  }

  /** The kids the set has now. */
  get kids(): string[] {
    this.#read();
    return this.#keys.kids;
  }

  async getKey(kid: string, alg = 'RS256'): Promise<CryptoKey> {
    this.#read();
    const key = this.#keys.get(kid);
    if (!key) throw new VerificationError('UNKNOWN_KID', `no key "${kid}" in ${this.uri}: the token was signed by a key this issuer does not publish (retired, or never its own)`);
    return key.forAlg(alg);
  }

  keyNow(kid: string, alg = 'RS256'): CryptoKey | undefined {
    this.#read();
    return this.#keys.get(kid)?.importedFor(alg);
  }

  peek(kid: string): JWK | undefined {
    this.#read();
    return this.#keys.get(kid)?.jwk;
  }

  async refresh(): Promise<void> {
    this.#read();
  }

  #read(): void {
    this.#keys.replace(this.#jwks().filter((jwk) => typeof jwk.kid === 'string'));
  }
}
