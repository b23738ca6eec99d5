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

/** Smallest RSA modulus accepted, in bits: what Cognito uses and what RS256 verifiers (jose, Node) require. */
export const minRsaModulusBits = 2048;

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;
const base64url = /^[A-Za-z0-9_-]+$/;

/**
 * Rebuilds key material from a stored private JWK. Refuses, with a TypeError
 * saying why, a key that cannot sign RS256: not RSA, an `alg` other than RS256,
 * a `use` or `key_ops` that forbids signing, a public key, a modulus under
 * {@link minRsaModulusBits} bits, or members that do not form a key. The reason
 * never quotes key material.
 */
export async function fromPrivateJwk(jwk: JWK): Promise<KeyMaterial> {
  const reason = unusableReason(jwk);
  if (reason) throw new TypeError(reason);
  const kid = await cognitoKid({ kty: 'RSA', n: jwk.n!, e: jwk.e! });
  const privateJwk: JWK = { kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
  let privateKey: CryptoKey;
  try {
    privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  } catch {
    // The crypto library's message is not passed on: it is not ours to promise it never quotes the key.
    throw new TypeError('its members do not form an RSA private key');
  }
  return { kid, privateKey, privateJwk, publicJwk: { alg: 'RS256', e: jwk.e!, kid, kty: 'RSA', n: jwk.n!, use: 'sig' } };
}

/** Why `jwk` cannot sign RS256, or null. Names members, never their values. */
function unusableReason(jwk: JWK): string | null {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return 'not a JWK (a JSON object)';
  if (jwk.kty !== 'RSA') return `not an RSA key (kty ${typeof jwk.kty === 'string' ? JSON.stringify(jwk.kty.slice(0, 20)) : 'missing'}): mock-idp signs RS256, as Cognito does`;
  if (jwk.alg !== undefined && jwk.alg !== 'RS256') return `its alg is ${JSON.stringify(String(jwk.alg).slice(0, 20))}, not RS256`;
  if (jwk.use !== undefined && jwk.use !== 'sig') return `its use is ${JSON.stringify(String(jwk.use).slice(0, 20))}, not "sig"`;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('sign'))) return 'its key_ops do not include "sign"';
  for (const member of ['n', 'e'] as const) {
    if (typeof jwk[member] !== 'string' || !base64url.test(jwk[member])) return `its public member "${member}" is missing or not base64url`;
  }
  if (privateMembers.every((m) => jwk[m] === undefined)) return 'a public key: it has no private members (d, p, q, dp, dq, qi), so it cannot sign';
  for (const member of privateMembers) {
    const value = jwk[member];
    if (typeof value !== 'string' || !base64url.test(value)) return `its private member "${member}" is missing or not base64url`;
  }
  const bits = modulusBits(jwk.n!);
  if (bits < minRsaModulusBits) return `its modulus has ${bits} bits, under the ${minRsaModulusBits} RS256 requires`;
  return null;
}

/** The size in bits of a base64url big-endian modulus. */
function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
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
