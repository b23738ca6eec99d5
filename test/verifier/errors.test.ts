/**
 * Every verdict code of src/verifier/errors.ts can be reached, and every
 * rejection carries a message a person can act on. This is the one place the
 * suite looks at messages, and only to check that each is a non-empty
 * sentence: the other tests assert on `code` alone.
 */
import t from 'tap';
import { createVerifier, VerificationError, verificationErrorCodes, type VerificationErrorCode, type VerifierOptions } from '../../src/verifier/index.js';
import { accessClaims, accessKey, b64url, FakeClock, FakeJwksEndpoint, idClaims, idKey, issuer, jwksOf, jwksUri, networkError, otherKey, signRaw, signToken, spa } from '../helpers/verifier.js';

const sentence = /^\S.*\S$/s;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

t.test('the code table: one documented sentence per code', async (t) => {
  const codes = Object.keys(verificationErrorCodes);
  t.ok(codes.length >= 15);
  for (const [code, meaning] of Object.entries(verificationErrorCodes)) {
    t.match(code, /^[A-Z][A-Z_]+$/, `${code}: SCREAMING_SNAKE_CASE`);
    t.match(meaning, /^\S.*\.$/s, `${code}: one sentence, ending in a full stop`);
  }
});

t.test('every code is reached, each with a non-empty sentence for a message', async (t) => {
  const clock = new FakeClock();
  const make = (options: Partial<VerifierOptions> = {}, endpoint = new FakeJwksEndpoint({ body: jwksOf(idKey, accessKey) })) =>
    createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: endpoint.fetch, cooldownSeconds: 30 }, ...options });
  const verifier = make();
  const now = clock.ms / 1000;
  const cases: Array<[VerificationErrorCode, string, () => Promise<unknown>]> = [
    ['MALFORMED', 'two segments', async () => verifier.verify('eyJhbGciOiJSUzI1NiJ9.e30')],
    ['MALFORMED', 'payload a JSON array', async () => verifier.verify(await signToken([1]))],
    ['MALFORMED', 'crit', async () => verifier.verify(signRaw(b64url({ alg: 'RS256', kid: accessKey.kid, crit: ['x'] }), b64url(accessClaims())))],
    ['MISSING_KID', 'no kid', async () => verifier.verify(signRaw(b64url({ alg: 'RS256' }), b64url(accessClaims())))],
    ['UNKNOWN_KID', 'after a refetch', async () => verifier.verify(await signToken(accessClaims(), { key: otherKey }))],
    ['UNKNOWN_KID', 'during the cooldown', async () => verifier.verify(await signToken(accessClaims(), { key: otherKey }))],
    ['UNKNOWN_KID', 'on a fresh load', async () => make().verify(await signToken(accessClaims(), { key: otherKey }))],
    ['ALG_NOT_ALLOWED', 'HS256', async () => verifier.verify(signRaw(b64url({ alg: 'HS256', kid: accessKey.kid }), b64url(accessClaims())))],
    ['ALG_NOT_ALLOWED', 'key bound to RS512', async () => make({}, new FakeJwksEndpoint({ body: jwksOf({ ...accessKey.publicJwk, alg: 'RS512' }) })).verify(await signToken(accessClaims()))],
    ['BAD_SIGNATURE', 'other key', async () => verifier.verify(await signToken(accessClaims(), { key: otherKey, header: { kid: accessKey.kid } }))],
    ['EXPIRED', 'exp an hour ago', async () => verifier.verify(await signToken(accessClaims(now - 7200)))],
    ['NOT_YET_VALID', 'nbf later', async () => verifier.verify(await signToken(accessClaims(now, { nbf: now + 600 })))],
    ['ISSUED_IN_FUTURE', 'iat later', async () => verifier.verify(await signToken(accessClaims(now + 600)))],
    ['WRONG_ISSUER', 'other pool', async () => verifier.verify(await signToken(accessClaims(now, { iss: 'https://elsewhere.test' })))],
    ['WRONG_AUDIENCE', 'access token', async () => verifier.verify(await signToken(accessClaims(now, { client_id: 'other' })))],
    ['WRONG_AUDIENCE', 'ID token', async () => make({ tokenUse: 'id' }).verify(await signToken(idClaims(now, { aud: 'other' }), { key: idKey }))],
    ['WRONG_AUDIENCE', 'audience option', async () => make({ tokenUse: 'id', clientId: null, audience: 'api' }).verify(await signToken(idClaims(now), { key: idKey }))],
    ['WRONG_TOKEN_USE', 'ID token', async () => verifier.verify(await signToken(idClaims(now), { key: idKey }))],
    ['GROUP_NOT_ALLOWED', 'not in group', async () => make({ groups: 'owners' }).verify(await signToken(accessClaims(now)))],
    ['SCOPE_NOT_ALLOWED', 'no scope', async () => make({ scope: 'teams/read' }).verify(await signToken(accessClaims(now)))],
    ['MISSING_CLAIM', 'exp a string', async () => verifier.verify(await signToken(accessClaims(now, { exp: 'tomorrow' })))],
    ['JWKS_UNAVAILABLE', 'first fetch fails', async () => make({}, new FakeJwksEndpoint({ fail: networkError() })).verify(await signToken(accessClaims(now)))],
    [
      'JWKS_INVALID',
      'two keys with one kid',
      async () => make({}, new FakeJwksEndpoint({ body: { keys: [accessKey.publicJwk, { ...idKey.publicJwk, kid: accessKey.kid }] } })).verify(await signToken(accessClaims(now))),
    ],
    [
      'JWKS_UNAVAILABLE',
      'past the stale limit',
      async () => {
        const endpoint = new FakeJwksEndpoint({ body: jwksOf(accessKey), headers: { 'cache-control': 'max-age=1' } });
        const staleClock = new FakeClock();
        const stale = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: staleClock.now, cache: { fetch: endpoint.fetch, maxStaleSeconds: 1 } });
        const token = await signToken(accessClaims(now));
        await stale.verify(token);
        endpoint.reply = { status: 503 };
        staleClock.advanceSeconds(10);
        return stale.verify(token);
      },
    ],
  ];

  const reached = new Set<string>();
  for (const [code, what, run] of cases) {
    try {
      await run();
      t.fail(`${code} (${what}): accepted`);
    } catch (error) {
      t.ok(error instanceof VerificationError, `${code} (${what}): a VerificationError`);
      const e = error as VerificationError;
      t.equal(e.code, code, `${code} (${what})`);
      t.equal(e.name, 'VerificationError');
      t.type(e.message, 'string');
      t.match(e.message, sentence, `${code} (${what}): a message with no stray whitespace`);
      t.ok(words(e.message) >= 5, `${code} (${what}): a sentence, not a word (${words(e.message)} words)`);
      t.not(e.message, e.code);
      reached.add(e.code);
    }
  }
  t.same([...reached].sort(), Object.keys(verificationErrorCodes).sort(), 'every code was reached');
});
