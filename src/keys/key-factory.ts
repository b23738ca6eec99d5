import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { availableParallelism } from 'node:os';
import { cognitoKid } from './kid.js';

/** An RS256 signing key pair as the key ring holds it. */
export interface KeyMaterial {
  kid: string;
  privateKey: CryptoKey;
  /** The private key as a JWK, for the keys file. */
  privateJwk: JWK;
  /** What the JWKS publishes: `{alg, e, kid, kty, n, use}`, in Cognito's (alphabetical) member order. */
  publicJwk: JWK;
}

/** Makes key pairs. Injected so tests can count or replace key generation. */
export interface KeyFactory {
  generate(): Promise<KeyMaterial>;
}

/** RSA-2048 keys (e = AQAB), as Cognito uses. */
export const rsaKeyFactory: KeyFactory = {
  async generate() {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    return fromPrivateJwk(await exportJWK(privateKey));
  },
};

/** Rebuilds key material from a stored private JWK. */
export async function fromPrivateJwk(jwk: JWK): Promise<KeyMaterial> {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d) throw new TypeError('not an RSA private JWK');
  const kid = await cognitoKid({ kty: 'RSA', n: jwk.n, e: jwk.e });
  const privateJwk: JWK = { kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
  const privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  return { kid, privateKey, privateJwk, publicJwk: { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' } };
}

/**
 * A factory whose first `count` keys are already being generated when it is
 * made: `mock-idp serve` makes one as soon as it knows how many keys it needs,
 * so RSA key generation (on libuv's threadpool) overlaps loading the server's
 * modules instead of following it. Later calls generate as `factory` does.
 *
 * At most `parallel` keys (default: the machine's cores) are made at a time,
 * in the order they will be taken: the threadpool has more threads than a small
 * machine has cores, and four keys made at once all finish as late as the last
 * one, while two at a time give the first pool (the default, whose JWKS a
 * client asks for first) its keys in about half the time.
 *
 * @example
 * const factory = prestartedKeyFactory(4); // 2 pools × (ID, access)
 * const ring = await KeyRing.create(pools, { factory, ... });
 */
export function prestartedKeyFactory(count: number, factory: KeyFactory = rsaKeyFactory, parallel = availableParallelism()): KeyFactory {
  let free = Math.max(1, parallel);
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  // A free slot starts its key at once (synchronously); the others start, in order, as slots free up.
  const start = (): Promise<KeyMaterial> => {
    if (free > 0) {
      free--;
      return factory.generate().finally(release);
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => factory.generate().finally(release));
  };
  const started = Array.from({ length: count }, start);
  // A failure surfaces where the key is taken; until then it must not count as unhandled.
  for (const key of started) key.catch(() => {});
  return { generate: () => started.shift() ?? factory.generate() };
}
