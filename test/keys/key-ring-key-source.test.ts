/**
 * keyRingKeySource: the server verifies its own tokens with the pool's
 * published keys, read from the key ring through the verifier's key-source
 * seam (no HTTP). A rotation's new key and a retirement count at the next
 * lookup, with no cooldown, and another pool's keys are not this pool's.
 */
import { SignJWT } from 'jose';
import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import { KeyRing } from '../../src/keys/key-ring.js';
import { keyRingKeySource } from '../../src/keys/key-ring-key-source.js';
import { createVerifier, VerificationError } from '../../src/verifier/index.js';
import { testEpochMs } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const local = 'us-east-1_LocalPool';
const teams = 'eu-west-1_TeamsPool';
const issuer = `http://127.0.0.1:4455/${local}`;
const jwksUri = `${issuer}/.well-known/jwks.json`;

async function setup() {
  const clock = new ManualClock(testEpochMs);
  const ring = await KeyRing.create([local, teams], { clock, factory: await fastKeyFactory(), overlapSeconds: () => 60, prePublishSeconds: 0, retiredKeysKept: 5 });
  const source = keyRingKeySource(ring, local, jwksUri);
  const verifier = createVerifier({ issuer, clientId: null, tokenUse: 'access', now: () => clock.now(), keySource: source });
  const mint = (pool = local) => {
    const { material } = ring.signingKey(pool, 'access');
    const now = Math.floor(clock.now() / 1000);
    return new SignJWT({ sub: 'alice', token_use: 'access', client_id: 'app' })
      .setProtectedHeader({ alg: 'RS256', kid: material.kid })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(material.privateKey);
  };
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (e: unknown) => (e instanceof VerificationError ? e.code : String(e)),
    );
  return { clock, ring, source, verifier, mint, codeOf };
}

t.test("the pool's published keys, through the seam", async (t) => {
  const { ring, source, verifier, mint, codeOf } = await setup();
  t.equal(verifier.cache, source);
  t.equal(verifier.jwksUri, jwksUri);
  t.match(await verifier.verify(await mint()), { sub: 'alice' }, 'a token of the pool verifies');
  t.equal(await codeOf(verifier.verify(await mint(teams))), 'UNKNOWN_KID', "another pool's key is not this pool's");
  t.equal(await codeOf(verifier.verify(await mint(teams))), 'UNKNOWN_KID', 'again at once: no fetch, no cooldown message, just not there');
  t.same(source.peek(ring.signingKey(local, 'access').material.kid), ring.signingKey(local, 'access').material.publicJwk);
});

t.test('a rotation and a retirement count at the next lookup', async (t) => {
  const { clock, ring, verifier, mint, codeOf } = await setup();
  const before = await mint();
  t.equal(await codeOf(verifier.verify(before)), 'accepted');
  await ring.rotate({ pool: local, tokenUse: 'access' });
  const after = await mint();
  t.equal(await codeOf(verifier.verify(after)), 'accepted', 'the new key verifies at once');
  t.equal(await codeOf(verifier.verify(before)), 'accepted', 'the replaced key is still published');
  clock.advanceBy(61_000);
  t.equal(await codeOf(verifier.verify(before)), 'UNKNOWN_KID', 'once retired, its tokens are refused (even remembered ones)');
  t.equal(await codeOf(verifier.verify(after)), 'accepted');
});
