import { readFile } from 'node:fs/promises';
import { compactDecrypt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import t from 'tap';
import { RefreshTokenCodec, type RefreshTokenContents } from '../../src/tokens/refresh-token.js';

const [jwk, other] = (JSON.parse(await readFile(new URL('../../fixtures/keys/reserve.test-only.json', import.meta.url), 'utf8')) as { keys: JWK[] }).keys;
const contents: RefreshTokenContents = { pool: 'us-east-1_P', client: 'c', username: 'ünïcode', originJti: 'o', authTime: 1, jti: 'j', iat: 1, exp: 2 };

t.test('a refresh token is the compact JWE jose would make: RSA-OAEP, A256GCM, read back by jose and by the codec', async (t) => {
  const codec = new RefreshTokenCodec();
  await codec.importKey(jwk!);
  const token = await codec.encode(contents);
  const parts = token.split('.');
  t.equal(parts.length, 5);
  t.same(decodeProtectedHeader(token), { cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
  t.equal(parts[0], Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url'), 'the header, in this order');
  t.equal(Buffer.from(parts[1]!, 'base64url').length, 256, 'the content key, encrypted with RSA-2048');
  t.equal(Buffer.from(parts[2]!, 'base64url').length, 12, 'a 96-bit IV');
  t.equal(Buffer.from(parts[4]!, 'base64url').length, 16, 'a 128-bit tag');
  const { plaintext } = await compactDecrypt(token, await importJWK({ ...jwk!, alg: 'RSA-OAEP' }, 'RSA-OAEP'));
  t.same(JSON.parse(new TextDecoder().decode(plaintext)), contents);
  t.same(await codec.decode(token), contents);
  t.not(await codec.encode(contents), token, 'a fresh content key and IV each time');
});

t.test('a new key is used from the moment it is imported; tokens of another key are not read', async (t) => {
  const codec = new RefreshTokenCodec();
  await codec.importKey(other!);
  const before = await codec.encode(contents);
  t.same(await codec.decode(before), contents, 'with the key it had');
  await codec.importKey(jwk!);
  const after = await codec.encode(contents);
  t.same(await codec.decode(after), contents);
  t.equal(await codec.decode(before), null);
  const tampered = after.slice(0, -2) + (after.endsWith('AA') ? 'AB' : 'AA');
  t.equal(await codec.decode(tampered), null, 'a changed tag');
});
