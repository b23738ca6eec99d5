/** Kept off a cache lifetime that would end right at a key change: the answer's travel time and whole-second rounding. */
const marginMs = 1000;

/**
 * The `Cache-Control: max-age` of a JWKS answer. A verifier that honours it
 * must never meet a token signed by a key it has not seen, so the answer may
 * not be cached past the moment the next scheduled key can start signing (the
 * next rotation plus the pre-publish lead), less a margin. Without a schedule,
 * or when that moment is far off, it is the configured max-age. With rotation
 * faster than that, it is 0: verifiers revalidate (ETag, 304) at each use.
 *
 * @example
 * jwksMaxAgeSeconds(300, null, now);                // 300
 * jwksMaxAgeSeconds(300, now + 10_500, now);        // 9
 * jwksMaxAgeSeconds(300, now + 100, now);           // 0
 */
export function jwksMaxAgeSeconds(configuredSeconds: number, nextSignerAtMs: number | null, nowMs: number): number {
  if (nextSignerAtMs === null) return configuredSeconds;
  const untilNextSigner = Math.floor((nextSignerAtMs - nowMs - marginMs) / 1000);
  return Math.max(0, Math.min(configuredSeconds, untilNextSigner));
}
