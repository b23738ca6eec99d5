import { KeyObject, sign } from 'node:crypto';
import { CompactSign, type CryptoKey } from 'jose';

const encoder = new TextEncoder();

/** Node key objects of the ring's WebCrypto keys, made once per key. */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
/** Encoded protected headers by their JSON: a pool signs with a handful of `{kid, alg}` headers. */
const encodedHeaders = new Map<string, string>();
const maxEncodedHeaders = 256;

/**
 * A JWS compact token over exactly these header and payload bytes.
 *
 * RS256 is signed with node:crypto's one-shot `sign` on libuv's threadpool:
 * the same bytes jose would produce (PKCS#1 v1.5 signatures are deterministic),
 * for less work per token than WebCrypto's promise chain, which is the minting
 * path's main cost after the RSA operation itself. Anything else (the HS256
 * scenario, a header with `crit` or `b64`) goes through jose.
 */
export async function signCompact(header: Record<string, unknown>, payload: Uint8Array, key: CryptoKey | Uint8Array): Promise<string> {
  if (header.alg !== 'RS256' || key instanceof Uint8Array || 'crit' in header || 'b64' in header) {
    return new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(key);
  }
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  const input = `${encodedHeader(header)}.${Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64url')}`;
  const signature = await new Promise<Buffer>((resolve, reject) => sign('sha256', Buffer.from(input), keyObject, (error, result) => (error ? reject(error) : resolve(result))));
  return `${input}.${signature.toString('base64url')}`;
}

function encodedHeader(header: Record<string, unknown>): string {
  const json = JSON.stringify(header);
  let encoded = encodedHeaders.get(json);
  if (encoded === undefined) {
    encoded = Buffer.from(json).toString('base64url');
    if (encodedHeaders.size >= maxEncodedHeaders) encodedHeaders.clear();
    encodedHeaders.set(json, encoded);
  }
  return encoded;
}

/** An unsigned token (`alg: none`): header and payload with an empty signature. */
export function unsignedCompact(header: Record<string, unknown>, payload: Uint8Array): string {
  return `${Buffer.from(encoder.encode(JSON.stringify(header))).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.`;
}

export function jsonBytes(value: unknown): Uint8Array {
  // Buffer.from is Node's direct UTF-8 path (a Buffer is a Uint8Array; signCompact reads it through a view).
  return Buffer.from(JSON.stringify(value));
}
