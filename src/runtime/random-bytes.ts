import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * Random bytes for the request paths, drawn from a 4 KiB buffer that node:crypto's CSPRNG refills when it runs
 * out, as Node's own `randomUUID` does. A `randomBytes` call of a few bytes costs about 6 µs alone, 25× a pooled
 * draw, and measured more inside the loaded server (a challenge request lost 23–56 µs of CPU with one or two
 * fewer). Each byte is handed out once, copied into a buffer of its own; draws larger than a quarter of the
 * buffer go straight to `randomBytes`.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

export function pooledRandomBytes(size: number): Buffer {
  if (size > pool.length / 4) return randomBytes(size);
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
