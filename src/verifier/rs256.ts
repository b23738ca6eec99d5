/**
 * The RS256 signature checked with node:crypto, synchronously on the event loop, as aws-jwt-verify does: a
 * fast path beside jose's compactVerify, never a second set of rules. It answers only for the plainest tokens
 * (a header of just `alg: "RS256"`, `kid` and `typ`; every part decodable exactly as jose decodes it; a key jose
 * would verify RS256 with), and only "this signature holds". Anything else (another header parameter such as
 * `crit` or `b64`, an undecodable part, a key of another kind, a signature that does not hold) goes to jose,
 * which then gives the verdict it always gave, with the key already chosen.
 *
 * Why: jose verifies with WebCrypto, whose every call hops to libuv's threadpool and back through a promise;
 * one at a time it ran at a fifth of the rate of a synchronous node:crypto verification (docs/reference/performance.md).
 */
import crypto, { KeyObject } from 'node:crypto';
import type { CryptoKey } from 'jose';

/** The header of a token the fast path may take: RS256 and a non-empty kid. */
export interface PlainHeader {
  alg: 'RS256';
  kid: string;
}

const plainHeaderParameters = new Set(['alg', 'kid', 'typ']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Headers already read, by their base64url text: an issuer's tokens share a handful (one per signing key), so
 * each is decoded and parsed once. Only plain headers are kept, and at most `maxHeaders` of them.
 */
const headers = new Map<string, PlainHeader>();
const maxHeaders = 16;

/**
 * The header when it is plain (its only parameters `alg` = RS256, a non-empty string `kid`, and `typ`), else
 * undefined: jose reads it, with all its rules. `encoded` has passed the compact-serialisation pattern.
 *
 * @example
 * plainHeader(token.slice(0, token.indexOf('.'))); // { alg: 'RS256', kid: '…' } or undefined
 */
export function plainHeader(encoded: string): PlainHeader | undefined {
  const known = headers.get(encoded);
  if (known) return known;
  if (!decodesLikeJose(encoded)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(Buffer.from(encoded, 'base64url')));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const header = parsed as Record<string, unknown>;
  for (const name of Object.keys(header)) if (!plainHeaderParameters.has(name)) return undefined;
  if (header.alg !== 'RS256' || typeof header.kid !== 'string' || header.kid === '') return undefined;
  const plain: PlainHeader = { alg: 'RS256', kid: header.kid };
  if (headers.size >= maxHeaders) headers.clear();
  headers.set(encoded, plain);
  return plain;
}

/** node:crypto's KeyObject for each CryptoKey the fast path has verified with, made once per key. */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * The KeyObject for a key jose would verify RS256 with (a public RSASSA-PKCS1-v1_5 SHA-256 CryptoKey for
 * `verify`, of 2048 bits or more), else undefined.
 */
export function rs256KeyObject(key: unknown): KeyObject | undefined {
  if (typeof key !== 'object' || key === null || (key as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] !== 'CryptoKey') return undefined;
  const cryptoKey = key as CryptoKey;
  const known = keyObjects.get(cryptoKey);
  if (known) return known;
  const algorithm = cryptoKey.algorithm as { name?: unknown; hash?: { name?: unknown }; modulusLength?: unknown };
  const usable =
    cryptoKey.type === 'public' &&
    algorithm.name === 'RSASSA-PKCS1-v1_5' &&
    algorithm.hash?.name === 'SHA-256' &&
    typeof algorithm.modulusLength === 'number' &&
    algorithm.modulusLength >= 2048 &&
    cryptoKey.usages.includes('verify');
  if (!usable) return undefined;
  let keyObject: KeyObject;
  try {
    keyObject = KeyObject.from(cryptoKey);
  } catch {
    return undefined;
  }
  keyObjects.set(cryptoKey, keyObject);
  return keyObject;
}

/**
 * The payload's bytes when the token's RS256 signature holds for `key`, else undefined (it does not hold, or
 * the payload or signature does not decode as jose decodes it: jose then says which). `token` has passed the
 * compact-serialisation pattern; `secondDot` is the index of its second dot.
 */
export function rs256Payload(token: string, secondDot: number, key: KeyObject): Uint8Array | undefined {
  const firstDot = token.indexOf('.');
  const payload = token.slice(firstDot + 1, secondDot);
  const signature = token.slice(secondDot + 1);
  if (!decodesLikeJose(payload) || !decodesLikeJose(signature)) return undefined;
  let holds: boolean;
  try {
    // The signing input is ASCII (the pattern says so), so latin1 is its bytes without a UTF-8 encoder. Both it and
    // the signature go into one buffer kept for the next call: crypto.verify is synchronous, so nothing else
    // can use it meanwhile, and a verification allocates no buffer of its own.
    const bytes = scratchFor(token.length);
    const signatureAt = bytes.write(token, 0, secondDot, 'latin1');
    const signatureLength = bytes.write(signature, signatureAt, 'base64url');
    holds = crypto.verify('RSA-SHA256', bytes.subarray(0, signatureAt), key, bytes.subarray(signatureAt, signatureAt + signatureLength));
  } catch {
    return undefined;
  }
  return holds ? Buffer.from(payload, 'base64url') : undefined;
}

/** The buffer {@link rs256Payload} writes into, grown to the longest token seen up to 64 KiB (a longer one gets its own). */
let scratch = Buffer.alloc(4096);
const scratchFor = (length: number) => {
  if (length <= scratch.length) return scratch;
  if (length > 65_536) return Buffer.alloc(length);
  return (scratch = Buffer.alloc(length));
};

/**
 * Whether Buffer's base64url decoding of `part` (already only base64url characters) gives what jose's does:
 * jose decodes with `atob`, which refuses a length of 4n+1, where Buffer drops the odd character.
 */
const decodesLikeJose = (part: string) => part.length % 4 !== 1;
