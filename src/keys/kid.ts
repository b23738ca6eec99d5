import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * A kid in Cognito's form: the standard base64 (with `+`, `/` and `=`) of a
 * 32-byte value, 44 characters. We use the key's RFC 7638 SHA-256 thumbprint,
 * so the kid is stable for a key and never collides between keys.
 */
export async function cognitoKid(publicJwk: JWK): Promise<string> {
  const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
  return Buffer.from(thumbprint, 'base64url').toString('base64');
}
