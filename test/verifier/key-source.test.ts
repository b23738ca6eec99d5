/**
 * The key-source seam: createVerifier({ keySource }) takes its keys from any
 * KeySource instead of a JwksCache, and LocalKeySource serves keys held in
 * the process (read at every lookup, imported once while unchanged). Option
 * mistakes are TypeErrors at creation.
 */
import t from 'tap';
import type { JWK } from 'jose';
import { ImportedKeys } from '../../src/verifier/imported-keys.js';
import { createVerifier, LocalKeySource, VerificationError, type KeySource, type KeySourceVerifierOptions } from '../../src/verifier/index.js';
import { accessClaims, accessKey, FakeClock, FakeJwksEndpoint, idKey, issuer, jwksUri, otherKey, rejectsWith, signToken, spa } from '../helpers/verifier.js';

t.test('ImportedKeys: one import per kid and algorithm, kept across sets that keep the key unchanged', async (t) => {
  const keys = new ImportedKeys();
  keys.replace([accessKey.publicJwk, idKey.publicJwk]);
  t.same(keys.kids, [accessKey.kid, idKey.kid]);
  const rs256 = await keys.get(accessKey.kid)!.forAlg('RS256');
  t.equal(await keys.get(accessKey.kid)!.forAlg('RS256'), rs256, 'the same object on a second ask');
  t.not(await keys.get(accessKey.kid)!.forAlg('PS256'), rs256, 'another algorithm, another import');

  keys.replace([{ ...accessKey.publicJwk }]);
  t.equal(await keys.get(accessKey.kid)!.forAlg('RS256'), rs256, 'an equal JWK in a new set keeps the import');
  t.same(keys.kids, [accessKey.kid], 'and a key left out is gone');
  t.equal(keys.get(idKey.kid), undefined);
  keys.replace([{ ...accessKey.publicJwk, n: otherKey.publicJwk.n }]);
  t.not(await keys.get(accessKey.kid)!.forAlg('RS256'), rs256, 'a changed key under the same kid is imported anew');

  keys.replace([{ ...accessKey.publicJwk, n: undefined }]);
  const broken = keys.get(accessKey.kid)!;
  const failed = broken.forAlg('RS256');
  await t.rejects(failed, 'a key that cannot be imported (no modulus) rejects');
  t.not(broken.forAlg('RS256'), failed, 'and is not kept: the next ask imports again');
});

t.test('LocalKeySource: the set as it is at each lookup', async (t) => {
  let published: JWK[] = [accessKey.publicJwk];
  const source = new LocalKeySource(jwksUri, () => published);
  const key = await source.getKey(accessKey.kid, 'RS256');
  t.equal(await source.getKey(accessKey.kid, 'RS256'), key, 'the same key object while it is unchanged');
  const unknown = await rejectsWith(t, source.getKey(idKey.kid, 'RS256'), 'UNKNOWN_KID', 'a kid the set lacks');
  t.match(unknown?.message, jwksUri, 'the message names the URI');

  published = [accessKey.publicJwk, idKey.publicJwk];
  await t.resolves(source.getKey(idKey.kid, 'RS256'), 'a key added is there at the next lookup');
  t.equal(await source.getKey(accessKey.kid, 'RS256'), key, 'the kept key is not imported again');
  t.same(source.kids, [accessKey.kid, idKey.kid]);
  t.same(source.peek(idKey.kid), idKey.publicJwk);
  t.equal(source.keyNow(accessKey.kid, 'RS256'), key, 'keyNow: an imported key without waiting');
  t.equal(source.keyNow(idKey.kid, 'PS256'), undefined, 'keyNow: not imported for that algorithm yet');

  published = [idKey.publicJwk];
  t.equal(source.peek(accessKey.kid), undefined, 'a key removed is gone at once');
  await rejectsWith(t, source.getKey(accessKey.kid, 'RS256'), 'UNKNOWN_KID', 'a removed key');
  await t.resolves(source.refresh());
  published = [{ ...accessKey.publicJwk, kid: undefined }];
  t.same(source.kids, [], 'keys without a kid are left out');
});

t.test("createVerifier({ keySource }): verifies with the source's keys, no fetch", async (t) => {
  const clock = new FakeClock();
  let published: JWK[] = [accessKey.publicJwk];
  const source = new LocalKeySource(jwksUri, () => published);
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', now: clock.now, keySource: source });
  t.equal(verifier.cache, source, "the verifier's key source is the one given");
  t.equal(verifier.jwksUri, jwksUri, "its jwksUri is the source's");
  const token = await signToken(accessClaims(clock.ms / 1000));
  t.match(await verifier.verify(token), { client_id: spa });
  t.match(await verifier.verify(token), { client_id: spa }, 'twice (the second time its signature is remembered)');
  await rejectsWith(t, verifier.verify(await signToken(accessClaims(clock.ms / 1000), { key: idKey })), 'UNKNOWN_KID', 'a key the source lacks');
  published = [idKey.publicJwk];
  await rejectsWith(t, verifier.verify(token), 'UNKNOWN_KID', 'a remembered token whose key left the source');
});

t.test("a key source of the caller's own: the verifier asks it by kid and algorithm", async (t) => {
  const clock = new FakeClock();
  const asked: Array<[string, string]> = [];
  const key = await new LocalKeySource(jwksUri, () => [accessKey.publicJwk]).getKey(accessKey.kid, 'RS256');
  const source: KeySource = {
    uri: 'https://keys.test/jwks.json',
    getKey: async (kid, alg) => {
      asked.push([kid, alg]);
      if (kid !== accessKey.kid) throw new VerificationError('UNKNOWN_KID', `no key "${kid}" in this test's source`);
      return key;
    },
    peek: (kid) => (kid === accessKey.kid ? accessKey.publicJwk : undefined),
    refresh: async () => undefined,
  };
  const verifier = createVerifier({ issuer: null, clientId: null, tokenUse: null, now: clock.now, keySource: source });
  t.equal(verifier.jwksUri, 'https://keys.test/jwks.json', 'jwksUri from the source, even with no issuer');
  await t.resolves(verifier.verify(await signToken(accessClaims(clock.ms / 1000))));
  await rejectsWith(t, verifier.verify(await signToken(accessClaims(clock.ms / 1000), { key: otherKey })), 'UNKNOWN_KID', 'its own rejection');
  t.same(asked, [
    [accessKey.kid, 'RS256'],
    [otherKey.kid, 'RS256'],
  ]);
});

t.test('keySource mistakes are TypeErrors at creation', async (t) => {
  const source = new LocalKeySource(jwksUri, () => [accessKey.publicJwk]);
  const base = { issuer, clientId: spa, tokenUse: 'access' as const };
  const loose = (options: Record<string, unknown>) => options as unknown as KeySourceVerifierOptions;
  t.throws(() => createVerifier({ ...base, keySource: source, jwksUri: 'https://other.test/jwks.json' }), TypeError, "a jwksUri that is not the source's");
  t.throws(() => createVerifier(loose({ ...base, keySource: source, cache: { fetch: new FakeJwksEndpoint().fetch } })), TypeError, 'both keySource and cache');
  t.throws(() => createVerifier(loose({ ...base, keySource: {} })), TypeError, 'not a key source');
  t.throws(() => createVerifier(loose({ ...base, keySource: null })), TypeError, 'null');
  t.throws(() => createVerifier({ ...base, keySource: new LocalKeySource('file:///keys.json', () => []) }), TypeError, 'a source URI that is not http(s)');
  t.ok(createVerifier({ ...base, keySource: source, jwksUri }), "the source's own URI, given again");
});
