/**
 * Hand-made tokens no IdP would issue: broken structure, strange headers,
 * algorithm tricks, keys that do not match. Each one must be rejected with a
 * VerificationError and a code, never another error type; the ones that are
 * rejected before the key lookup must not cost a JWKS request.
 */
import t from 'tap';
import { createVerifier, type VerifierOptions } from '../../src/verifier/index.js';
import { accessClaims, accessKey, b64url, FakeClock, FakeJwksEndpoint, idKey, issuer, jwksOf, jwksUri, otherKey, rejectsWith, signRaw, signToken, signUnencoded, spa } from '../helpers/verifier.js';

function setup(options: Partial<VerifierOptions> = {}, endpoint = new FakeJwksEndpoint({ body: jwksOf(idKey, accessKey) })) {
  const clock = new FakeClock();
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: endpoint.fetch }, ...options });
  return { endpoint, verifier };
}

const header = (changes: Record<string, unknown> = {}) => b64url({ alg: 'RS256', kid: accessKey.kid, ...changes });
const payload = b64url(accessClaims());

t.test('the valid token these cases start from verifies', async (t) => {
  const { verifier } = setup();
  await t.resolves(verifier.verify(await signToken(accessClaims())), 'signed with CompactSign');
  await t.resolves(verifier.verify(signRaw(header(), payload)), 'signed by hand');
});

t.test('not three base64url segments → MALFORMED, before any JWKS request', async (t) => {
  const { verifier, endpoint } = setup();
  const token = await signToken(accessClaims());
  const [h, p, s] = token.split('.') as [string, string, string];
  const standardBase64 = Buffer.from(s, 'base64url').toString('base64');
  const cases: Array<[string, string]> = [
    ['empty string', ''],
    ['one segment', h],
    ['two segments', `${h}.${p}`],
    ['four segments', `${token}.${s}`],
    ['five segments (a JWE)', `${h}.${p}.${s}.${s}.${s}`],
    ['an empty header', `.${p}.${s}`],
    ['an empty payload', `${h}..${s}`],
    ['standard base64 with + / =', `${h}.${p}.${standardBase64}`],
    ['padding', `${h}=.${p}.${s}`],
    ['a space inside', `${h}.${p.slice(0, 10)} ${p.slice(10)}.${s}`],
    ['a leading space', ` ${token}`],
    ['a trailing newline', `${token}\n`],
    ['a Bearer prefix', `Bearer ${token}`],
    ['non-ASCII', `${h}.${p}é.${s}`],
    ['a NUL', `${h}.${p}\u0000.${s}`],
    ['only dots', '..'],
  ];
  for (const [what, value] of cases) await rejectsWith(t, verifier.verify(value), 'MALFORMED', what);
  for (const value of [undefined, null, 42, {}, [token], Buffer.from(token)]) {
    await rejectsWith(t, verifier.verify(value as string), 'MALFORMED', `not a string (${Object.prototype.toString.call(value)})`);
  }
  t.equal(endpoint.calls, 0, 'no JWKS request for any of them');
});

t.test('longer than 1,000,000 characters → MALFORMED, even when validly signed', async (t) => {
  const { verifier, endpoint } = setup();
  const fixed = (await signToken(accessClaims())).split('.');
  // Pad a claim until the token is exactly at, then just over, the limit (a base64url length is never 1 mod 4, so allow one more).
  const jsonLength = JSON.stringify(accessClaims(undefined, { pad: '' })).length; // plus one per padding character
  const b64Length = (bytes: number) => Math.floor(bytes / 3) * 4 + [0, 2, 3][bytes % 3]!;
  const tokenLength = (pad: number) => fixed[0]!.length + fixed[2]!.length + 2 + b64Length(jsonLength + pad);
  let pad = 740_000;
  while (tokenLength(pad) < 999_999) pad++;
  const atLimit = await signToken(accessClaims(undefined, { pad: 'x'.repeat(pad) }));
  t.ok(atLimit.length <= 1_000_000 && atLimit.length >= 999_999, `${atLimit.length} characters`);
  await t.resolves(verifier.verify(atLimit), 'at the limit: verified');
  while (tokenLength(pad) <= 1_000_000) pad++;
  const over = await signToken(accessClaims(undefined, { pad: 'x'.repeat(pad) }));
  t.ok(over.length > 1_000_000 && over.length <= 1_000_002, `${over.length} characters`);
  const calls = endpoint.calls;
  await rejectsWith(t, verifier.verify(over), 'MALFORMED', 'just over the limit');
  await rejectsWith(t, verifier.verify('a'.repeat(3_000_000)), 'MALFORMED', '3 MB of letters');
  t.equal(endpoint.calls, calls, 'no JWKS request');
});

t.test('headers that are not a JSON object → MALFORMED', async (t) => {
  const { verifier, endpoint } = setup();
  const cases: Array<[string, string]> = [
    ['not JSON', b64url('{"alg":"RS256",')],
    ['a JSON array', b64url([{ alg: 'RS256', kid: accessKey.kid }])],
    ['a JSON string', b64url('"RS256"')],
    ['JSON null', b64url('null')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')],
  ];
  for (const [what, h] of cases) await rejectsWith(t, verifier.verify(signRaw(h, payload)), 'MALFORMED', what);
  t.equal(endpoint.calls, 0, 'no JWKS request');
});

t.test('alg off the allow-list → ALG_NOT_ALLOWED (no alg at all → MALFORMED), before any JWKS request', async (t) => {
  const { verifier, endpoint } = setup();
  for (const alg of ['none', 'None', 'HS256', 'HS512', 'RS384', 'RS512', 'PS256', 'ES256', 'rs256', 'RS256 ']) {
    await rejectsWith(t, verifier.verify(signRaw(header({ alg }), payload)), 'ALG_NOT_ALLOWED', `alg ${JSON.stringify(alg)}`);
  }
  // RFC 7515 requires alg to be a string: without one the JWS is not well-formed.
  for (const alg of [undefined, '', 42, ['RS256'], null]) {
    await rejectsWith(t, verifier.verify(signRaw(header({ alg }), payload)), 'MALFORMED', `alg ${JSON.stringify(alg)}`);
  }
  await rejectsWith(t, verifier.verify(`${b64url({ alg: 'none', kid: accessKey.kid })}.${payload}.`), 'ALG_NOT_ALLOWED', 'alg none, empty signature');
  const rs512 = setup({ algorithms: ['RS512'] }).verifier;
  await rejectsWith(t, rs512.verify(await signToken(accessClaims())), 'ALG_NOT_ALLOWED', 'RS256 when only RS512 is allowed');
  t.equal(endpoint.calls, 0, 'no JWKS request');
});

t.test("the JWK's alg binds the key: a header alg that differs → ALG_NOT_ALLOWED", async (t) => {
  const rs512Jwk = { ...accessKey.publicJwk, alg: 'RS512' };
  const bound = setup({ algorithms: ['RS256', 'RS512'] }, new FakeJwksEndpoint({ body: jwksOf(rs512Jwk) })).verifier;
  await rejectsWith(t, bound.verify(await signToken(accessClaims())), 'ALG_NOT_ALLOWED', 'RS256 token, RS512 key, both allowed');
  const defaults = setup({}, new FakeJwksEndpoint({ body: jwksOf(rs512Jwk) })).verifier;
  await rejectsWith(t, defaults.verify(await signToken(accessClaims())), 'ALG_NOT_ALLOWED', 'RS256 token, RS512 key, default allow-list');
  const { alg: _alg, ...unbound } = accessKey.publicJwk;
  const noAlg = setup({}, new FakeJwksEndpoint({ body: jwksOf(unbound) })).verifier;
  await t.resolves(noAlg.verify(await signToken(accessClaims())), 'a JWK without alg: the allow-list alone decides');
});

t.test('kid missing or not a non-empty string → MISSING_KID; unknown → UNKNOWN_KID', async (t) => {
  const { verifier, endpoint } = setup();
  for (const kid of [undefined, '', null, 42, [accessKey.kid], { kid: accessKey.kid }]) {
    await rejectsWith(t, verifier.verify(signRaw(header({ kid }), payload)), 'MISSING_KID', `kid ${JSON.stringify(kid)}`);
  }
  t.equal(endpoint.calls, 0, 'no JWKS request for a missing kid');
  await rejectsWith(t, verifier.verify(await signToken(accessClaims(), { key: otherKey })), 'UNKNOWN_KID', 'a kid the JWKS does not have');
  await rejectsWith(t, verifier.verify(signRaw(header({ kid: `${accessKey.kid} ` }), payload)), 'UNKNOWN_KID', 'the right kid with a space');
  await rejectsWith(t, verifier.verify(signRaw(header({ kid: '__proto__' }), payload)), 'UNKNOWN_KID', 'kid __proto__');
});

t.test('crit headers the verifier does not understand, and unencoded payloads → MALFORMED', async (t) => {
  const { verifier } = setup();
  const cases: Array<[string, Promise<string> | string]> = [
    ['crit ["exp"] (an extension nobody agreed on)', signToken(accessClaims(), { header: { crit: ['exp'], exp: 1 }, crit: { exp: true } })],
    ['crit naming a missing parameter', signRaw(header({ crit: ['x-missing'] }), payload)],
    ['crit []', signRaw(header({ crit: [] }), payload)],
    ['crit a string', signRaw(header({ crit: 'exp' }), payload)],
    ['b64: false, a payload that passes for base64url', signUnencoded('abc')],
    ['b64: false, a JSON payload', signUnencoded(JSON.stringify(accessClaims()))],
  ];
  for (const [what, token] of cases) await rejectsWith(t, verifier.verify(await token), 'MALFORMED', what);
});

t.test('keys offered by the token itself (jwk, jku, x5u, x5c) are ignored', async (t) => {
  const { verifier, endpoint } = setup();
  const attackerJwk = otherKey.publicJwk;
  const embedded = { jwk: attackerJwk, jku: 'https://attacker.test/jwks.json', x5u: 'https://attacker.test/cert.pem', x5c: ['MIIB'] };
  await rejectsWith(t, verifier.verify(await signToken(accessClaims(), { key: otherKey, header: embedded })), 'UNKNOWN_KID', "attacker's kid and key in the header");
  await rejectsWith(
    t,
    verifier.verify(await signToken(accessClaims(), { key: otherKey, header: { ...embedded, kid: accessKey.kid } })),
    'BAD_SIGNATURE',
    "the pool's kid, signed by the attacker's key in the header",
  );
  t.same(new Set(endpoint.requests.map((r) => r.url)), new Set([jwksUri]), 'only the configured JWKS URI was fetched');
});

t.test('signatures that do not match → BAD_SIGNATURE', async (t) => {
  const { verifier } = setup();
  const token = await signToken(accessClaims());
  const other = await signToken(accessClaims(undefined, { username: 'mallory' }));
  const [h, p, s] = token.split('.') as [string, string, string];
  const [, p2, s2] = other.split('.') as [string, string, string];
  const flipped = Buffer.from(s, 'base64url');
  flipped[0]! ^= 0x80;
  const cases: Array<[string, string]> = [
    ['a bit flipped', `${h}.${p}.${flipped.toString('base64url')}`],
    ['an empty signature', `${h}.${p}.`],
    ['half a signature', `${h}.${p}.${s.slice(0, s.length / 2)}`],
    ['two bytes too many', `${h}.${p}.${Buffer.concat([Buffer.from(s, 'base64url'), Buffer.from([0, 0])]).toString('base64url')}`],
    ["another token's payload", `${h}.${p2}.${s}`],
    ["another token's signature", `${h}.${p}.${s2}`],
    ['signed by another key under this kid', await signToken(accessClaims(), { key: otherKey, header: { kid: accessKey.kid } })],
    ["signed by the pool's ID key under the access key's kid", await signToken(accessClaims(), { key: idKey, header: { kid: accessKey.kid } })],
    ['header changed after signing', `${header({ typ: 'JWT' })}.${p}.${s}`],
  ];
  for (const [what, value] of cases) await rejectsWith(t, verifier.verify(value), 'BAD_SIGNATURE', what);
});
