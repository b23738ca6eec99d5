import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone sent equals the one expected, in time that depends
 * on neither value: both are hashed first, so even their lengths stay hidden
 * (a plain `timingSafeEqual` needs equal lengths and so leaks the length).
 *
 * @example
 * if (!sameSecret(request.headers['x-token'] ?? '', config.adminToken)) throw …;
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
