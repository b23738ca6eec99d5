import { readFile } from 'node:fs/promises';
import { CompactSign, compactVerify, importJWK, type CryptoKey, type JWK } from 'jose';
import t from 'tap';
import { jsonBytes, signCompact } from '../../src/tokens/sign.js';

const [jwk] = (JSON.parse(await readFile(new URL('../../fixtures/keys/reserve.test-only.json', import.meta.url), 'utf8')) as { keys: JWK[] }).keys;
const privateKey = (await importJWK({ ...jwk!, alg: 'RS256' }, 'RS256')) as CryptoKey;
const publicKey = await importJWK({ kty: 'RSA', n: jwk!.n!, e: jwk!.e! }, 'RS256');

t.test('RS256 tokens are byte for byte what jose signs', async (t) => {
  const payload = jsonBytes({ sub: 'a', token_use: 'id', 'cognito:groups': ['x'], emoji: '🙂', exp: 2 });
  for (const header of [
    { kid: 'k1', alg: 'RS256' },
    { alg: 'RS256', kid: 'k2', typ: 'JWT' },
  ]) {
    const ours = await signCompact(header, payload, privateKey);
    t.equal(ours, await new CompactSign(payload).setProtectedHeader(header).sign(privateKey), JSON.stringify(header));
    t.equal(await signCompact(header, payload, privateKey), ours, 'again, from the caches');
    const { protectedHeader } = await compactVerify(ours, publicKey);
    t.same(protectedHeader, header);
  }
});

t.test('a payload that is a view into a larger buffer signs only its own bytes', async (t) => {
  const bytes = jsonBytes({ sub: 'b' });
  const larger = new Uint8Array(bytes.length + 8);
  larger.set(bytes, 4);
  const view = larger.subarray(4, 4 + bytes.length);
  t.equal(await signCompact({ alg: 'RS256' }, view, privateKey), await signCompact({ alg: 'RS256' }, bytes, privateKey));
});

t.test('other algorithms go through jose', async (t) => {
  const secret = new TextEncoder().encode('a-secret-of-enough-length-for-hs256');
  const token = await signCompact({ alg: 'HS256', kid: 'k' }, jsonBytes({ sub: 'c' }), secret);
  t.equal(token, await new CompactSign(jsonBytes({ sub: 'c' })).setProtectedHeader({ alg: 'HS256', kid: 'k' }).sign(secret));
});
