import { createHash } from 'node:crypto';
import type { KeyFactory, KeyMaterial } from '../../src/keys/key-factory.js';
import { readKeysFile } from '../../src/keys/key-file.js';
import { testKeysFile } from './idp.js';

/**
 * A key factory that generates nothing: every key it makes reuses one of the
 * committed test-only private keys under a fresh, distinct kid (44-char
 * standard base64, starting with `+` and `/` so it needs URL-encoding). For
 * tests of the ring's bookkeeping, where RSA key generation is not the point.
 * Tokens signed with these keys still verify against the published JWK.
 * The kids are not thumbprints, so a keys file does not round-trip them.
 */
export async function fastKeyFactory(): Promise<KeyFactory & { made: KeyMaterial[] }> {
  const seeds = (await readKeysFile(testKeysFile))!.map((e) => e.material);
  const made: KeyMaterial[] = [];
  return {
    made,
    async generate() {
      const n = made.length;
      const base = seeds[n % seeds.length]!;
      const digest = createHash('sha256').update(`fast-key-${n}`).digest();
      digest.set([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]); // base64 "++++////"
      const kid = digest.toString('base64');
      const material: KeyMaterial = { ...base, kid, publicJwk: { ...base.publicJwk, kid } };
      made.push(material);
      return material;
    },
  };
}
