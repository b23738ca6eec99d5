import { CompactSign, type CryptoKey } from 'jose';

const encoder = new TextEncoder();

/** A JWS compact token over exactly these header and payload bytes. */
export async function signCompact(header: Record<string, unknown>, payload: Uint8Array, key: CryptoKey | Uint8Array): Promise<string> {
  return new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

/** An unsigned token (`alg: none`): header and payload with an empty signature. */
export function unsignedCompact(header: Record<string, unknown>, payload: Uint8Array): string {
  return `${Buffer.from(encoder.encode(JSON.stringify(header))).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.`;
}

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}
