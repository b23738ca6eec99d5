/**
 * Key rotation seen by caching verifiers, one server per library so JWKS
 * request counts and key states are the library's alone:
 * - a token signed before a rotation keeps verifying during the overlap (its
 *   key is `retiring`, still published) without a refetch;
 * - a token signed by the new key verifies after exactly one JWKS refetch;
 * - once the clock passes the overlap the old key leaves the JWKS, and a
 *   verifier rejects its tokens after it has refetched.
 *
 * The server clock moves with `POST /_mock/clock`; nobody sleeps. Tokens keep
 * real-time validity throughout (the verifiers read the real clock, which does
 * not move), so every rejection below is about the key alone.
 */
import t, { type Test } from 'tap';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { mint, poolTarget, publishedKids, verifyOptions, type PoolTarget } from './http.js';
import { awsCognitoVerifier, awsJwtVerifier, joseVerifier, jsonwebtokenVerifier, type CompatVerifier } from './verifiers.js';

const tokenUse = 'access' as const;

interface Story {
  idp: TestIdp;
  target: PoolTarget;
  verifier: CompatVerifier;
  oldToken: string;
  newToken: string;
  oldKid: string;
}

/** Everything up to the moment the old key has left the JWKS. */
async function rotateAndPassTheOverlap(t: Test, idp: TestIdp, verifier: CompatVerifier): Promise<Story> {
  const target = await poolTarget(t, idp);
  const options = verifyOptions(target, tokenUse);

  const before = await mint(t, idp, target, { tokenUse });
  const oldKid = before.signedWith!.kid;
  t.same(await verifier.verify(before.token, options), { accept: true }, 'token from the active key verifies');
  t.equal(verifier.jwksFetches, 1, 'the first verification fetched the JWKS once');

  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', { pool: target.pool, tokenUse });
  t.equal(rotated.status, 200);
  const newKid = rotated.body.rotated[0].kid as string;
  const oldKey = (rotated.body.keys as Array<{ kid: string; state: string; retiresAt: string }>).find((k) => k.kid === oldKid)!;
  t.equal(oldKey.state, 'retiring', 'the replaced key is retiring');
  t.ok((await publishedKids(idp, target)).includes(oldKid), 'and still published');

  t.same(await verifier.verify(before.token, options), { accept: true }, 'a token minted before the rotation verifies during the overlap');
  const retiring = await mint(t, idp, target, { tokenUse, scenario: 'signed-by-retiring-key' });
  t.equal(retiring.signedWith?.kid, oldKid);
  t.same(await verifier.verify(retiring.token, options), { accept: true }, 'so does one signed by the retiring key now');
  t.equal(verifier.jwksFetches, 1, 'both from the cache: no refetch for a key it knows');

  const after = await mint(t, idp, target, { tokenUse });
  t.equal(after.signedWith?.kid, newKid, 'new tokens are signed by the new key');
  t.same(await verifier.verify(after.token, options), { accept: true }, 'a token from the new key verifies');
  t.equal(verifier.jwksFetches, 2, 'after exactly one refetch (unknown kid)');
  t.same(await verifier.verify(after.token, options), { accept: true });
  t.equal(verifier.jwksFetches, 2, 'and the new key is cached from then on');

  const clock = await call(idp, 'GET', '/_mock/clock');
  const advanceSeconds = Math.ceil((Date.parse(oldKey.retiresAt) - clock.body.epochSeconds * 1000) / 1000) + 1;
  t.ok(advanceSeconds > 0, `the overlap ends in ${advanceSeconds} s of server time`);
  t.equal((await call(idp, 'POST', '/_mock/clock', { advanceSeconds })).status, 200, 'server clock moved past the overlap');
  const keys = await call(idp, 'GET', `/_mock/keys?pool=${target.pool}`);
  t.equal(keys.body.keys.find((k: { kid: string }) => k.kid === oldKid).state, 'retired');
  const kids = await publishedKids(idp, target);
  t.notOk(kids.includes(oldKid), 'the old key has left the JWKS');
  t.ok(kids.includes(newKid), 'the new key is still there');
  return { idp, target, verifier, oldToken: before.token, newToken: after.token, oldKid };
}

/** A token whose kid was never published: verifying it makes a caching verifier refetch. */
async function refetchByUnknownKid(t: Test, { idp, target, verifier }: Story) {
  const fetches = verifier.jwksFetches;
  const unknown = await mint(t, idp, target, { tokenUse, scenario: 'unknown-kid' });
  t.equal((await verifier.verify(unknown.token, verifyOptions(target, tokenUse))).accept, false, 'unknown kid rejected');
  t.equal(verifier.jwksFetches, fetches + 1, 'after one refetch, which brings the JWKS without the old key');
}

t.test('jose createRemoteJWKSet (cooldownDuration: 0): rotation, one refetch, old key rejected after a refetch', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  // cooldownDuration: 0 because jose refetches on an unknown kid only when its
  // last fetch is older than the cooldown (default 30 s of real time), and here
  // the new key arrives milliseconds after the first fetch (see the last test).
  // cacheMaxAge stays at its default (10 min): the cache never expires here.
  const story = await rotateAndPassTheOverlap(t, idp, joseVerifier({ cooldownDuration: 0 }));
  const options = verifyOptions(story.target, tokenUse);
  t.same(await story.verifier.verify(story.oldToken, options), { accept: true }, 'until it refetches, jose still trusts the old key from its cache (up to cacheMaxAge)');
  await refetchByUnknownKid(t, story);
  const stale = await story.verifier.verify(story.oldToken, options);
  t.equal(stale.accept, false, "the old key's token is rejected once jose has refetched");
  t.match(stale, { by: 'library', code: 'ERR_JWKS_NO_MATCHING_KEY' }, 'as an unknown key');
  t.same(await story.verifier.verify(story.newToken, options), { accept: true }, 'new-key tokens still verify');
});

t.test('aws-jwt-verify CognitoJwtVerifier (Cognito issuer): rotation, one refetch, old key rejected after a refetch', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { issuerStyle: 'cognito' } });
  // SimpleJwksCache keeps a JWKS for ever and refetches only for an unknown kid.
  const story = await rotateAndPassTheOverlap(t, idp, awsCognitoVerifier({ mockUrl: idp.url }));
  const options = verifyOptions(story.target, tokenUse);
  t.same(await story.verifier.verify(story.oldToken, options), { accept: true }, 'until it refetches, the cached JWKS still has the old key (aws-jwt-verify never expires it)');
  await refetchByUnknownKid(t, story);
  const fetches = story.verifier.jwksFetches;
  const stale = await story.verifier.verify(story.oldToken, options);
  t.equal(stale.accept, false, "the old key's token is rejected once the cache was refetched");
  t.match(stale, { by: 'library', code: 'WaitPeriodNotYetEndedJwkError' }, 'its kid is unknown now, and refetching is on hold');
  t.equal(story.verifier.jwksFetches, fetches, 'without another fetch: the 10 s penalty box after the unknown kid holds it back');
  t.same(await story.verifier.verify(story.newToken, options), { accept: true }, 'new-key tokens still verify (cached)');
});

t.test('aws-jwt-verify JwtVerifier (local issuer): the same story', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const story = await rotateAndPassTheOverlap(t, idp, awsJwtVerifier());
  const options = verifyOptions(story.target, tokenUse);
  t.same(await story.verifier.verify(story.oldToken, options), { accept: true }, 'old key still cached');
  await refetchByUnknownKid(t, story);
  t.equal((await story.verifier.verify(story.oldToken, options)).accept, false, 'old key rejected after the refetch');
});

t.test('jsonwebtoken + jwks-rsa: the cache is per kid, so a refetch does not drop the old key', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const story = await rotateAndPassTheOverlap(t, idp, jsonwebtokenVerifier());
  const options = verifyOptions(story.target, tokenUse);
  await refetchByUnknownKid(t, story);
  // jwks-rsa memoises getSigningKey per kid for cacheMaxAge (10 min of real
  // time by default, jwks-rsa/src/wrappers/cache.js): a refetch for another kid
  // leaves the old key's entry in place until it expires.
  t.same(await story.verifier.verify(story.oldToken, options), { accept: true }, 'the cached old key still verifies after the refetch, until its cache entry expires');
  const fresh = jsonwebtokenVerifier();
  t.equal((await fresh.verify(story.oldToken, options)).accept, false, 'a client without that cache entry rejects it');
  t.equal(fresh.jwksFetches, 1, 'after fetching the JWKS once');
});

t.test('jose with its default 30 s cooldown rejects a new key that appears right after a fetch', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const target = await poolTarget(t, idp);
  const options = verifyOptions(target, tokenUse);
  const verifier = joseVerifier();
  t.same(await verifier.verify((await mint(t, idp, target, { tokenUse })).token, options), { accept: true });
  t.equal((await call(idp, 'POST', '/_mock/keys/rotate', { pool: target.pool, tokenUse })).status, 200);
  const verdict = await verifier.verify((await mint(t, idp, target, { tokenUse })).token, options);
  t.equal(verdict.accept, false, 'the unknown kid is not refetched during the cooldown');
  t.equal(verifier.jwksFetches, 1, 'no refetch happened');
  // Real Cognito never rotates this fast; mock-idp's prePublishSeconds (publish
  // the key before it signs) only helps a verifier that refetches before the
  // first new-key token arrives.
});
