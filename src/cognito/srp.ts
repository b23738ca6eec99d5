import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserRecord } from '../config/types.js';
import { pooledRandomBytes } from '../runtime/random-bytes.js';

/**
 * The server side of Cognito's SRP-6a (USER_SRP_AUTH), exactly as
 * amazon-cognito-identity-js and Amplify compute the client side
 * (amazon-cognito-identity-js `src/AuthenticationHelper.js`): the 3072-bit RFC 5054 group, g = 2,
 * `k = H(pad(N) ‖ pad(g))`, `x = H(pad(salt) ‖ H(poolName ‖ user ‖ ":" ‖ password))`,
 * `u = H(pad(A) ‖ pad(B))`, `S = (A·vᵘ)ᵇ mod N`, and the 16-byte key
 * `HKDF-SHA256(pad(S), salt = pad(u), info = "Caldera Derived Key")`.
 */

/** RFC 5054's 3072-bit group prime. */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** Two's-complement hex of a non-negative integer: even length, `00` in front when the high bit is set. */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of hex-decoded bytes, as 64 hex digits. */
export function hexHash(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

const bytesOf = (n: bigint) => Buffer.from(padHex(n), 'hex');
/** N as a Diffie-Hellman group, for {@link modPow}'s exponentiations mod N (the generator plays no part there). */
const groupN = createDiffieHellman(bytesOf(N), bytesOf(g));

/** `base ^ exponent mod modulus`, for a non-negative exponent. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const b = ((base % modulus) + modulus) % modulus;
  // OpenSSL's Diffie-Hellman computes `public ^ private mod prime` in native code, ~8× faster than
  // BigInt square-and-multiply (17 ms → 2 ms for a 1024-bit exponent mod N, measured): the SRP
  // sign-in's cost. It refuses a "public key" of 0, 1 or N − 1, and an empty exponent.
  if (modulus === N && exponent > 0n && b > 1n && b < N - 1n) {
    groupN.setPrivateKey(bytesOf(exponent));
    return BigInt(`0x${groupN.computeSecret(bytesOf(b)).toString('hex')}`);
  }
  return squareAndMultiply(b, exponent, modulus);
}

function squareAndMultiply(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** `v = g^x mod N` for a password, as the client derives x from it. */
export function verifierFor(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  const inner = createHash('sha256').update(`${poolName}${userIdForSrp}:${password}`).digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${saltHex}`)) + inner)}`);
  return modPow(g, x, N);
}

/**
 * The server's ephemeral pair: secret b and public `B = k·v + g^b mod N` (never 0). b has 256 bits: RFC 5054
 * recommends at least that for the private values (https://www.rfc-editor.org/rfc/rfc5054), and it matches the
 * 3072-bit group's 128-bit strength, so more bits (the clients' a has 1024) add cost, not strength. Two of a
 * sign-in's three exponentiations are by b: 1.8 ms of CPU a sign-in, against 5.0 ms with a 1024-bit b (measured).
 */
export function serverEphemeral(v: bigint): { b: bigint; B: bigint } {
  for (;;) {
    const b = BigInt(`0x${pooledRandomBytes(32).toString('hex')}`);
    const B = (k * v + modPow(g, b, N)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** The shared 16-byte key, or null when A or u would make it predictable (A mod N = 0, u = 0). */
export function passwordKey({ A, B, b, v }: { A: bigint; B: bigint; b: bigint; v: bigint }): Buffer | null {
  if (A % N === 0n) return null;
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) return null;
  const S = modPow((A * modPow(v, u, N)) % N, b, N);
  return Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
}

/** `PASSWORD_CLAIM_SIGNATURE`: Base64(HMAC-SHA256(K, poolName ‖ userIdForSrp ‖ b64decode(SECRET_BLOCK) ‖ TIMESTAMP)). */
export function claimSignature(key: Buffer, poolName: string, userIdForSrp: string, secretBlock: string, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userIdForSrp), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
}

/** Constant-time comparison of two base64 signatures. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(given, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `TIMESTAMP` as the clients write it: `ddd MMM D HH:mm:ss UTC YYYY`, day not zero-padded, UTC. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Epoch ms of a `TIMESTAMP`, or null unless it is exactly in the clients' format (weekday included). */
export function parseTimestamp(text: string): number | null {
  const m = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/.exec(text);
  if (!m) return null;
  const month = months.indexOf(m[2]!);
  if (month < 0) return null;
  const ms = Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return formatTimestamp(ms) === text ? ms : null;
}

interface StoredVerifier {
  /** Whose it is: a user deleted and made again under the same name gets a new sub, and a new verifier. */
  sub: string;
  password: string;
  salt: string;
  v: bigint;
}

/**
 * One verifier per user, derived from the user's password and a random salt
 * kept in memory; a new salt and verifier when the password changes. A deleted
 * user's, or a deleted pool's, are forgotten with them.
 */
export class SrpVerifiers {
  readonly #byUser = new Map<string, StoredVerifier>();

  /** The user's salt (32 hex digits) and verifier. */
  of(poolId: string, user: UserRecord): { salt: string; v: bigint } {
    const key = `${poolId}/${user.username}`;
    let stored = this.#byUser.get(key);
    if (!stored || stored.password !== user.password || stored.sub !== user.sub) {
      const salt = randomBytes(16).toString('hex');
      stored = { sub: user.sub, password: user.password, salt, v: verifierFor(poolName(poolId), user.username, user.password, salt) };
      this.#byUser.set(key, stored);
    }
    return { salt: stored.salt, v: stored.v };
  }

  /** Forgets a deleted user's salt and verifier. */
  forget(poolId: string, username: string): void {
    this.#byUser.delete(`${poolId}/${username}`);
  }

  /** Forgets the salts and verifiers of a deleted pool's users. */
  forgetPool(poolId: string): void {
    for (const key of this.#byUser.keys()) if (key.startsWith(`${poolId}/`)) this.#byUser.delete(key);
  }

  /** How many users' verifiers are kept. */
  get size(): number {
    return this.#byUser.size;
  }

  /** Forgets every salt and verifier (POST /_mock/reset): users get new ones at their next SRP sign-in. */
  reset(): void {
    this.#byUser.clear();
  }

  /** A salt and verifier for a user who does not exist, so the challenge looks like any other (PreventUserExistenceErrors). */
  phantom(): { salt: string; v: bigint } {
    return { salt: randomBytes(16).toString('hex'), v: modPow(g, BigInt(`0x${randomBytes(32).toString('hex')}`), N) };
  }
}

/** The pool "name" SRP hashes: the part of the pool id after `_`. */
export function poolName(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

/** A big integer as base64 of its big-endian bytes (compact inside a SECRET_BLOCK). */
export function bigintToBase64(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64');
}

export function base64ToBigint(b64: string): bigint {
  const hex = Buffer.from(b64, 'base64').toString('hex');
  return hex ? BigInt(`0x${hex}`) : 0n;
}
