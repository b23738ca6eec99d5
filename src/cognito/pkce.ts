import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`. */
const verifierPattern = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge is the base64url SHA-256 of the verifier: 43 characters. */
const challengePattern = /^[A-Za-z0-9_-]{43}$/;

/** `BASE64URL(SHA256(verifier))`, the S256 challenge of a verifier. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Whether `value` can be an S256 `code_challenge` (Cognito supports S256 only). */
export function isS256Challenge(value: string): boolean {
  return challengePattern.test(value);
}

/** The PKCE check of the token endpoint: a well-formed verifier whose S256 challenge is `challenge`. */
export function verifyPkce(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !verifierPattern.test(verifier)) return false;
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(s256Challenge(verifier));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
