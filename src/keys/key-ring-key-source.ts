import { LocalKeySource, type KeySource } from '../verifier/index.js';
import type { KeyRing } from './key-ring.js';

/**
 * The server's own keys for one pool, as a verifier's key source: the public
 * JWKS the pool publishes, read from the key ring at every lookup (no HTTP),
 * so a rotation or retirement counts at once and injected JWKS faults never
 * reach the server's checks of its own tokens.
 *
 * @example
 * const verifier = createVerifier({ issuer: urls.issuer(pool), clientId: null, tokenUse: 'access', keySource: keyRingKeySource(keyRing, pool, urls.jwksUri(pool)) });
 */
export function keyRingKeySource(keyRing: KeyRing, pool: string, jwksUri: string): KeySource {
  return new LocalKeySource(jwksUri, () => keyRing.published(pool).map((entry) => entry.material.publicJwk));
}
