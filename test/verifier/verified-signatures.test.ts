/**
 * The verifier's memory of verified signatures: a repeated token skips the
 * RS256 check from its third verification on (it is remembered at its second),
 * and nothing else. Every claim is checked again, and a hit counts only while
 * the JWKS cache hands out the very key that verified it.
 */
import nodeCrypto from 'node:crypto';
import t, { type Test } from 'tap';
import { createVerifier, type VerifierOptions } from '../../src/verifier/index.js';
import { VerifiedSignatures } from '../../src/verifier/verified-signatures.js';
import { accessClaims, accessKey, FakeClock, FakeJwksEndpoint, idKey, issuer, jwksOf, jwksUri, otherKey, rejectsWith, signToken, spa } from '../helpers/verifier.js';

function setup(options: Partial<VerifierOptions> = {}) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint({ body: jwksOf(idKey, accessKey), headers: { 'cache-control': 'max-age=300' } });
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: endpoint.fetch }, ...options });
  return { clock, endpoint, verifier };
}

/** Verifies the token twice: the first verification notes it, the second remembers it. */
async function remembered(verifier: ReturnType<typeof setup>['verifier'], token: string) {
  await verifier.verify(token);
  await verifier.verify(token);
}

/**
 * Counts signature checks: with node:crypto's verify (the verifier's own RS256 path, rs256.ts) or with WebCrypto's
 * (jose's, for every other token).
 */
function countSignatureChecks(t: Test) {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.verify.bind(subtle);
  const originalNode = nodeCrypto.verify;
  let calls = 0;
  t.intercept(subtle, 'verify', {
    value: (...args: Parameters<typeof original>) => {
      calls++;
      return original(...(args as [never, never, never, never]));
    },
  });
  t.intercept(nodeCrypto, 'verify', {
    value: (...args: unknown[]) => {
      calls++;
      return (originalNode as (...args: unknown[]) => unknown)(...args);
    },
  });
  return () => calls;
}

t.test('a repeated token is checked by jose until it is remembered, at its second verification; its claims every time', async (t) => {
  const checks = countSignatureChecks(t);
  const { verifier, clock } = setup();
  const token = await signToken(accessClaims());
  for (let i = 0; i < 5; i++) t.match(await verifier.verify(token), { token_use: 'access' });
  t.equal(checks(), 2, 'two signature checks for five verifications');
  clock.advanceSeconds(3600 + 6);
  await rejectsWith(t, verifier.verify(token), 'EXPIRED', 'the remembered token still expires');
});

t.test('verifiedSignatures: 0 checks every signature', async (t) => {
  const checks = countSignatureChecks(t);
  const { verifier } = setup({ verifiedSignatures: 0 });
  const token = await signToken(accessClaims());
  for (let i = 0; i < 3; i++) await verifier.verify(token);
  t.equal(checks(), 3);
});

t.test('a changed or altered token is not a repeat', async (t) => {
  const { verifier } = setup();
  const token = await signToken(accessClaims());
  await remembered(verifier, token);
  const [h, p, s] = token.split('.') as [string, string, string];
  const flipped = `${h}.${p}.${s.slice(0, -2)}${s.at(-2) === 'A' ? 'B' : 'A'}${s.at(-1)}`;
  await rejectsWith(t, verifier.verify(flipped), 'BAD_SIGNATURE', 'one signature character changed');
  await rejectsWith(
    t,
    verifier.verify(`${h}.${Buffer.from(JSON.stringify(accessClaims(undefined, { sub: 'mallory' }))).toString('base64url')}.${s}`),
    'BAD_SIGNATURE',
    'another payload, same signature',
  );
});

t.test('a remembered token fails once its key leaves the JWKS', async (t) => {
  const { verifier, endpoint, clock } = setup();
  const token = await signToken(accessClaims());
  await remembered(verifier, token);
  endpoint.reply = { body: jwksOf(idKey), headers: { 'cache-control': 'max-age=300' } };
  clock.advanceSeconds(301);
  await rejectsWith(t, verifier.verify(token), 'UNKNOWN_KID', 'not remembered past the key');
});

t.test('a remembered token fails when its kid now names another key', async (t) => {
  const { verifier, endpoint, clock } = setup();
  const token = await signToken(accessClaims());
  await remembered(verifier, token);
  endpoint.reply = { body: jwksOf(idKey, { ...otherKey.publicJwk, kid: accessKey.kid }), headers: { 'cache-control': 'max-age=300' } };
  clock.advanceSeconds(301);
  await rejectsWith(t, verifier.verify(token), 'BAD_SIGNATURE', 'checked against the new key, not remembered');
});

t.test('distinct tokens are noted, not remembered: the memory holds only tokens verified twice', async (t) => {
  const checks = countSignatureChecks(t);
  const { verifier } = setup({ verifiedSignatures: 4 });
  const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => signToken(accessClaims(undefined, { jti: `distinct-${i}` }))));
  for (const token of tokens) await verifier.verify(token);
  t.equal(checks(), 12);
  const last = tokens.at(-1)!;
  await verifier.verify(last);
  await verifier.verify(last);
  t.equal(checks(), 13, 'the last token: checked again at its second verification, then remembered');
  await verifier.verify(tokens[0]!);
  await verifier.verify(tokens[0]!);
  t.equal(checks(), 15, 'the first token was noted 11 tokens ago, beyond the 4 notes kept: checked twice more before it is remembered');

  const seen = new VerifiedSignatures(2);
  const entry = { kid: '1', alg: 'RS256', key: {} as never, payload: '{}' };
  seen.remember('token-one', entry);
  t.equal(seen.lookup('token-one'), undefined, 'verified once: noted');
  t.equal(seen.size, 0);
  seen.remember('token-one', entry);
  t.equal(seen.lookup('token-one'), entry, 'verified twice: remembered');
});

t.test('the memory is bounded: the oldest is forgotten first', async (t) => {
  const seen = new VerifiedSignatures(2);
  const entry = (kid: string) => ({ kid, alg: 'RS256', key: {} as never, payload: '{}' });
  // Each token verified twice: the first notes it, the second remembers it.
  const remember = (token: string, verified: ReturnType<typeof entry>) => {
    seen.remember(token, verified);
    seen.remember(token, verified);
  };
  remember('a', entry('1'));
  remember('b', entry('2'));
  remember('c', entry('3'));
  t.equal(seen.size, 2);
  t.equal(seen.lookup('a'), undefined, 'the oldest went');
  t.equal(seen.lookup('c')?.kid, '3');
  seen.forget('b');
  remember('a', entry('4'));
  t.equal(seen.lookup('c')?.kid, '3', 'a forgotten token leaves its place to the next');
  remember('c', entry('5'));
  remember('d', entry('6'));
  t.equal(seen.lookup('c')?.kid, '5', 'remembered again: it is now the newest, so an older one went');
  t.equal(seen.lookup('a'), undefined);
  t.equal(seen.size, 2);
  const none = new VerifiedSignatures(0);
  none.remember('a', entry('1'));
  t.equal(none.size, 0, 'a limit of 0 keeps nothing');
});

t.test('verifiedSignatures must be an integer ≥ 0', async (t) => {
  for (const bad of [-1, 1.5, Number.NaN]) {
    t.throws(() => createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, verifiedSignatures: bad }), TypeError, String(bad));
  }
});
