import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { fromPrivateJwk, rsaKeyFactory, type KeyFactory } from '../../src/keys/key-factory.js';
import { readKeysFile } from '../../src/keys/key-file.js';
import { testKeysFile } from './idp.js';

/** Committed test-only RSA keys, none of them in {@link testKeysFile} (fixtures/keys/generate-reserve-keys.ts). */
const reserveKeysFile = new URL('../../fixtures/keys/reserve.test-only.json', import.meta.url);
let reserveKeys: Promise<JWK[]> | undefined;
/** Where the next server starts taking reserve keys: process-wide, so servers in one process get different keys. */
let nextReserveKey = 0;

/**
 * A key factory that hands out real RSA-2048 keys, thumbprint kids and all, without generating them: the
 * committed test-only keys of fixtures/keys/reserve.test-only.json, each at most once per factory (so at most
 * once per server), and generated keys once it has handed out all of them. startTestIdp (test/helpers/idp.ts)
 * gives every server one: RSA key generation (a fifth of a CPU-second or more a key) was a large part of the
 * suite's time, and a test that makes pools or rotates keys made dozens.
 */
export function reserveKeyFactory(): KeyFactory {
  const taken = new Set<number>();
  return {
    async generate() {
      reserveKeys ??= readFile(reserveKeysFile, 'utf8').then((text) => (JSON.parse(text) as { keys: JWK[] }).keys);
      const keys = await reserveKeys;
      if (taken.size >= keys.length) return rsaKeyFactory.generate();
      let index = nextReserveKey++ % keys.length;
      while (taken.has(index)) index = nextReserveKey++ % keys.length;
      taken.add(index);
      return fromPrivateJwk(keys[index]!);
    },
  };
}

/**
 * A key factory that generates nothing: every key it makes reuses one of the
 * committed test-only private keys under a fresh, distinct kid (44-char
 * standard base64, starting with `+` and `/` so it needs URL-encoding). For
 * tests of the ring's bookkeeping, where RSA key generation is not the point.
 * Tokens signed with these keys still verify against the published JWK.
 * The kids are not thumbprints, so a keys file does not round-trip them.
 * It remembers the kids it made, never the keys: a server's deleted keys can be let go.
 */
export async function fastKeyFactory(): Promise<KeyFactory & { kids: string[] }> {
  const seeds = (await readKeysFile(testKeysFile))!.map((e) => e.material);
  const kids: string[] = [];
  return {
    kids,
    async generate() {
      const n = kids.length;
      const base = seeds[n % seeds.length]!;
      const digest = createHash('sha256').update(`fast-key-${n}`).digest();
      digest.set([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]); // base64 "++++////"
      const kid = digest.toString('base64');
      kids.push(kid);
      return { ...base, kid, publicJwk: { ...base.publicJwk, kid } };
    },
  };
}
