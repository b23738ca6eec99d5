/**
 * Every rejection names the check that failed (`error.check`), one of
 * `verificationChecks` that produces its code, in the verifier's order. The
 * codes with more than one check (MALFORMED: format, signature, payload;
 * MISSING_CLAIM: claims, audience) are told apart by where the verifier was.
 */
import t from 'tap';
import { firstCheckOf } from '../../src/verifier/checks.js';
import { createVerifier, VerificationError, verificationChecks, verificationErrorCodes, type VerificationCheck, type VerificationErrorCode, type VerifierOptions } from '../../src/verifier/index.js';
import { accessClaims, accessKey, b64url, FakeClock, FakeJwksEndpoint, idClaims, idKey, issuer, jwksOf, jwksUri, otherKey, signRaw, signToken, spa, without } from '../helpers/verifier.js';

t.test("the table: every code has a check, and the checks are in the verifier's order", async (t) => {
  const codes = new Set(Object.values(verificationChecks).flat());
  t.same([...codes].sort(), Object.keys(verificationErrorCodes).sort(), 'every code is produced by some check');
  t.same(Object.keys(verificationChecks), ['format', 'algorithm', 'kid', 'signature', 'payload', 'claims', 'issuer', 'exp', 'nbf', 'iat', 'token_use', 'audience', 'groups', 'scope']);
  for (const code of Object.keys(verificationErrorCodes) as VerificationErrorCode[]) {
    t.ok((verificationChecks[firstCheckOf(code)] as readonly string[]).includes(code), `${code}: its first check produces it`);
    t.equal(new VerificationError(code, 'a message').check, firstCheckOf(code), `${code}: an error made with the code alone names that check`);
  }
  t.equal(new VerificationError('MALFORMED', 'm').check, 'format');
  t.equal(new VerificationError('MISSING_CLAIM', 'm', { check: 'audience' }).check, 'audience', 'a check given is kept');
});

t.test('each rejection names the check that failed', async (t) => {
  const clock = new FakeClock();
  const now = clock.ms / 1000;
  const make = (options: Partial<VerifierOptions> = {}, body: unknown = jwksOf(idKey, accessKey)) =>
    createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: new FakeJwksEndpoint({ body }).fetch }, ...options });
  const verifier = make();
  const good = await signToken(accessClaims(now));
  const [head, payload] = good.split('.') as [string, string, string];
  const cases: Array<[VerificationCheck, VerificationErrorCode, string, () => Promise<unknown>]> = [
    ['format', 'MALFORMED', 'two segments', () => verifier.verify('eyJhbGciOiJSUzI1NiJ9.e30')],
    ['format', 'MALFORMED', 'a header that does not decode', () => verifier.verify(`a.${payload}.abcd`)],
    ['format', 'MALFORMED', 'a header without alg', () => verifier.verify(signRaw(b64url({ kid: accessKey.kid }), payload))],
    ['format', 'MALFORMED', 'crit', () => verifier.verify(signRaw(b64url({ alg: 'RS256', kid: accessKey.kid, crit: ['x'] }), payload))],
    ['format', 'MALFORMED', 'not a string', () => verifier.verify(42 as unknown as string)],
    ['algorithm', 'ALG_NOT_ALLOWED', 'HS256', () => verifier.verify(signRaw(b64url({ alg: 'HS256', kid: accessKey.kid }), payload))],
    ['algorithm', 'ALG_NOT_ALLOWED', 'a key bound to RS512', () => make({}, jwksOf({ ...accessKey.publicJwk, alg: 'RS512' })).verify(good)],
    ['kid', 'MISSING_KID', 'no kid', () => verifier.verify(signRaw(b64url({ alg: 'RS256' }), payload))],
    ['kid', 'UNKNOWN_KID', 'a kid the JWKS lacks', async () => verifier.verify(await signToken(accessClaims(now), { key: otherKey }))],
    ['signature', 'BAD_SIGNATURE', 'another key under the kid', async () => verifier.verify(await signToken(accessClaims(now), { key: otherKey, header: { kid: accessKey.kid } }))],
    ['signature', 'MALFORMED', 'a signature that does not decode', () => verifier.verify(`${head}.${payload}.abcde`)],
    ['signature', 'MALFORMED', 'a key that cannot verify (a 32-bit modulus)', () => make({}, jwksOf({ ...accessKey.publicJwk, n: 'wAAAAQ' })).verify(good)],
    ['payload', 'MALFORMED', 'a JSON array', async () => verifier.verify(await signToken([1]))],
    ['payload', 'MALFORMED', 'not UTF-8', async () => verifier.verify(await signToken(new Uint8Array([0x7b, 0xff, 0x7d])))],
    ['payload', 'MALFORMED', 'a signed payload that does not decode', () => verifier.verify(signRaw(head, 'abcde'))],
    ['claims', 'MISSING_CLAIM', 'exp a string', async () => verifier.verify(await signToken(accessClaims(now, { exp: 'tomorrow' })))],
    ['claims', 'MISSING_CLAIM', 'no sub', async () => verifier.verify(await signToken(without(accessClaims(now), 'sub')))],
    ['issuer', 'WRONG_ISSUER', 'another issuer', async () => verifier.verify(await signToken(accessClaims(now, { iss: 'https://elsewhere.test' })))],
    ['exp', 'EXPIRED', 'an hour ago', async () => verifier.verify(await signToken(accessClaims(now - 7200)))],
    ['nbf', 'NOT_YET_VALID', 'nbf later', async () => verifier.verify(await signToken(accessClaims(now, { nbf: now + 600 })))],
    ['iat', 'ISSUED_IN_FUTURE', 'iat later', async () => verifier.verify(await signToken(accessClaims(now + 600)))],
    ['token_use', 'WRONG_TOKEN_USE', 'an ID token', async () => verifier.verify(await signToken(idClaims(now), { key: idKey }))],
    ['audience', 'WRONG_AUDIENCE', 'another client', async () => verifier.verify(await signToken(accessClaims(now, { client_id: 'other' })))],
    ['audience', 'MISSING_CLAIM', 'an access token without client_id', async () => verifier.verify(await signToken(without(accessClaims(now), 'client_id')))],
    ['groups', 'GROUP_NOT_ALLOWED', 'not in the group', () => make({ groups: 'owners' }).verify(good)],
    ['scope', 'SCOPE_NOT_ALLOWED', 'not the scope', () => make({ scope: 'teams/read' }).verify(good)],
  ];
  for (const [check, code, what, run] of cases) {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    t.ok(error instanceof VerificationError, `${what}: a VerificationError`);
    t.match(error, { code, check }, `${what}: ${code} at ${check}`);
    t.ok((verificationChecks[check] as readonly string[]).includes(code), `${what}: the ${check} check produces ${code}`);
  }
  t.same([...new Set(cases.map(([check]) => check))], Object.keys(verificationChecks), 'every check is reached, in order');
});
