/**
 * The verifier's own RS256 path (src/verifier/rs256.ts): a plain token's signature is checked with node:crypto,
 * every other token's by jose, and the verdicts are the ones jose gives. A key that does not fit (its JWK's alg,
 * use or kty, or a CryptoKey for another algorithm) is refused before node:crypto is asked anything.
 */
import nodeCrypto from 'node:crypto';
import { importJWK, type CryptoKey } from 'jose';
import t, { type Test } from 'tap';
import { createVerifier, type KeySource, type VerifierOptions } from '../../src/verifier/index.js';
import { plainHeader, rs256KeyObject, rs256Payload } from '../../src/verifier/rs256.js';
import { accessClaims, accessKey, b64url, FakeClock, FakeJwksEndpoint, idKey, issuer, jwksOf, jwksUri, rejectsWith, signRaw, signToken, spa } from '../helpers/verifier.js';

function setup(options: Partial<VerifierOptions> = {}, body: unknown = jwksOf(idKey, accessKey)) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint({ body });
  // verifiedSignatures: 0, so that every verification checks its signature.
  return createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: endpoint.fetch }, verifiedSignatures: 0, ...options });
}

/** Counts signature checks by node:crypto and by WebCrypto (jose). */
function countChecks(t: Test) {
  const counts = { node: 0, webCrypto: 0 };
  const subtle = globalThis.crypto.subtle;
  const originalSubtle = subtle.verify.bind(subtle);
  const originalNode = nodeCrypto.verify;
  t.intercept(subtle, 'verify', {
    value: (...args: unknown[]) => {
      counts.webCrypto++;
      return (originalSubtle as (...args: unknown[]) => unknown)(...args);
    },
  });
  t.intercept(nodeCrypto, 'verify', {
    value: (...args: unknown[]) => {
      counts.node++;
      return (originalNode as (...args: unknown[]) => unknown)(...args);
    },
  });
  return counts;
}

/** `part` with characters added until its length is 4n+1, which base64url cannot be. */
const fourNPlusOne = (part: string) => part + 'A'.repeat((5 - (part.length % 4)) % 4);

const header = (changes: Record<string, unknown> = {}) => b64url({ alg: 'RS256', kid: accessKey.kid, ...changes });

t.test('a plain RS256 token is checked by node:crypto alone', async (t) => {
  const counts = countChecks(t);
  const verifier = setup();
  t.match(await verifier.verify(await signToken(accessClaims())), { token_use: 'access' });
  t.match(await verifier.verify(signRaw(header({ typ: 'JWT' }), b64url(accessClaims()))), { token_use: 'access' }, 'typ is plain too');
  t.same(counts, { node: 2, webCrypto: 0 });
});

t.test('any other header parameter: jose checks the signature, and its verdict stands', async (t) => {
  const counts = countChecks(t);
  const verifier = setup();
  t.match(await verifier.verify(signRaw(header({ x5t: 'abc' }), b64url(accessClaims()))), { token_use: 'access' });
  t.same(counts, { node: 0, webCrypto: 1 }, 'an unlisted parameter');
  await rejectsWith(t, verifier.verify(signRaw(header({ crit: ['exp'], exp: 1 }), b64url(accessClaims()))), 'MALFORMED', 'an unknown crit');
  t.same(counts, { node: 0, webCrypto: 1 }, 'refused before any signature check');
});

t.test('a signature that does not hold: node:crypto says no, jose says BAD_SIGNATURE', async (t) => {
  const counts = countChecks(t);
  const verifier = setup();
  const [h, p, s] = (await signToken(accessClaims())).split('.') as [string, string, string];
  const other = b64url(accessClaims(undefined, { sub: 'mallory' }));
  await rejectsWith(t, verifier.verify(`${h}.${other}.${s}`), 'BAD_SIGNATURE', 'another payload');
  t.same(counts, { node: 1, webCrypto: 1 });
  await rejectsWith(t, verifier.verify(`${h}.${p}.`), 'BAD_SIGNATURE', 'an empty signature');
});

t.test('parts that Buffer would decode but jose does not (a length of 4n+1): MALFORMED, as jose says', async (t) => {
  const counts = countChecks(t);
  const verifier = setup();
  const [h, p, s] = (await signToken(accessClaims())).split('.') as [string, string, string];
  t.equal(s.length % 4, 2, 'an RS256-2048 signature is 342 characters');
  const signatureError = await rejectsWith(t, verifier.verify(`${h}.${p}.${fourNPlusOne(s)}`), 'MALFORMED', 'a signature with one character too many');
  t.equal(signatureError?.check, 'signature');
  // The payload's own signature: what is signed is the text with the extra character.
  const payloadError = await rejectsWith(t, verifier.verify(signRaw(h, fourNPlusOne(p))), 'MALFORMED', 'a payload with one character too many');
  t.equal(payloadError?.check, 'payload');
  t.equal(counts.node, 0, 'node:crypto was not asked');
});

t.test('a JWK whose alg, use or kty does not fit is refused before node:crypto is asked', async (t) => {
  const counts = countChecks(t);
  const token = await signToken(accessClaims());
  await rejectsWith(t, setup({}, jwksOf({ ...accessKey.publicJwk, alg: 'RS384' })).verify(token), 'ALG_NOT_ALLOWED', 'alg RS384');
  await rejectsWith(t, setup({}, jwksOf(idKey, { ...accessKey.publicJwk, use: 'enc' })).verify(token), 'UNKNOWN_KID', 'use enc');
  await rejectsWith(t, setup({}, jwksOf(idKey, { kty: 'EC', crv: 'P-256', kid: accessKey.kid, x: 'AA', y: 'AA' })).verify(token), 'UNKNOWN_KID', 'kty EC');
  t.same(counts, { node: 0, webCrypto: 0 });
});

t.test('a key source handing out a key for another algorithm: jose refuses it, node:crypto is not asked', async (t) => {
  const counts = countChecks(t);
  const pss = (await importJWK({ ...accessKey.publicJwk, alg: undefined }, 'PS256')) as CryptoKey;
  const keySource: KeySource = { uri: jwksUri, getKey: async () => pss, peek: () => undefined, refresh: async () => {} };
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', keySource, now: new FakeClock().now });
  const error = await rejectsWith(t, verifier.verify(await signToken(accessClaims())), 'MALFORMED', 'a PS256 key for an RS256 token');
  t.equal(error?.check, 'signature');
  t.equal(counts.node, 0);
});

t.test('plainHeader: RS256 with a non-empty kid and at most typ besides', async (t) => {
  t.same(plainHeader(header()), { alg: 'RS256', kid: accessKey.kid });
  t.equal(plainHeader(header()), plainHeader(header()), 'read once, the same object after');
  for (const [what, encoded] of [
    ['another alg', header({ alg: 'RS512' })],
    ['no kid', b64url({ alg: 'RS256' })],
    ['an empty kid', header({ kid: '' })],
    ['a kid that is not a string', header({ kid: 7 })],
    ['crit', header({ crit: ['b64'], b64: false })],
    ['an array', b64url([1])],
    ['not JSON', b64url('{')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')],
    ['a length of 4n+1', fourNPlusOne(header())],
  ] as const) {
    t.equal(plainHeader(encoded), undefined, what);
  }
});

t.test('rs256KeyObject: only a public RSASSA-PKCS1-v1_5 SHA-256 verify key of 2048 bits or more', async (t) => {
  const rs256 = (await importJWK(accessKey.publicJwk, 'RS256')) as CryptoKey;
  const keyObject = rs256KeyObject(rs256);
  t.equal(keyObject?.asymmetricKeyType, 'rsa');
  t.equal(rs256KeyObject(rs256), keyObject, 'made once');
  t.equal(rs256KeyObject(await importJWK({ ...accessKey.publicJwk, alg: undefined }, 'PS256')), undefined, 'PS256');
  t.equal(rs256KeyObject(await importJWK({ ...accessKey.publicJwk, alg: undefined }, 'RS384')), undefined, 'RS384');
  t.equal(rs256KeyObject(await importJWK(accessKey.privateJwk, 'RS256')), undefined, 'a private key');
  const { publicKey: short } = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ]);
  t.equal(rs256KeyObject(short), undefined, '1024 bits');
  t.equal(rs256KeyObject(nodeCrypto.createPublicKey({ key: accessKey.publicJwk as never, format: 'jwk' })), undefined, 'a KeyObject');
  t.equal(rs256KeyObject(undefined), undefined);
});

t.test('rs256Payload: the payload bytes when the signature holds', async (t) => {
  const keyObject = rs256KeyObject(await importJWK(accessKey.publicJwk, 'RS256'))!;
  const token = await signToken(accessClaims());
  t.same(JSON.parse(Buffer.from(rs256Payload(token, token.lastIndexOf('.'), keyObject)!).toString()), accessClaims());
  const other = rs256KeyObject(await importJWK(idKey.publicJwk, 'RS256'))!;
  t.equal(rs256Payload(token, token.lastIndexOf('.'), other), undefined, 'another key');
});

t.test('rs256Payload: tokens longer than its buffer, and past 64 KiB, verify the same', async (t) => {
  const keyObject = rs256KeyObject(await importJWK(accessKey.publicJwk, 'RS256'))!;
  for (const length of [5_000, 70_000, 100]) {
    const token = await signToken(accessClaims(undefined, { padding: 'x'.repeat(length) }));
    t.equal((JSON.parse(Buffer.from(rs256Payload(token, token.lastIndexOf('.'), keyObject)!).toString()) as { padding: string }).padding.length, length, `${token.length} characters`);
    const altered = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    t.equal(rs256Payload(altered, altered.lastIndexOf('.'), keyObject), undefined, `${token.length} characters, altered signature`);
  }
});
