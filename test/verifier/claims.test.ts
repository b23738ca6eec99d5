/**
 * The claim checks (src/verifier/claims.ts) through createVerifier: Cognito's
 * rules (aud for ID tokens, client_id for access tokens, token_use), the
 * generic audience option, groups, scope, issuer, and claims that are missing
 * or of the wrong type. Tokens are signed here with the test-only keys and the
 * JWKS comes from a fake endpoint, so any claim set can be tried.
 */
import t, { type Test } from 'tap';
import { createVerifier, type VerifierOptions } from '../../src/verifier/index.js';
import { accessClaims, accessKey, backend, FakeClock, FakeJwksEndpoint, idClaims, idKey, issuer, jwksOf, jwksUri, rejectsWith, signToken, spa, without } from '../helpers/verifier.js';

function setup(options: Partial<VerifierOptions> = {}) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint({ body: jwksOf(idKey, accessKey), headers: { 'cache-control': 'max-age=300' } });
  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri, now: clock.now, cache: { fetch: endpoint.fetch }, ...options });
  return { clock, endpoint, verifier };
}

const accessToken = (changes: Record<string, unknown> = {}) => signToken(accessClaims(undefined, changes), { key: accessKey });
const idToken = (changes: Record<string, unknown> = {}) => signToken(idClaims(undefined, changes), { key: idKey });

const accepts = async (t: Test, promise: Promise<unknown>, what: string) => {
  try {
    await promise;
    t.pass(`${what}: accepted`);
  } catch (error) {
    t.fail(`${what}: rejected with ${(error as { code?: string }).code ?? String(error)}`);
  }
};

t.test('a Cognito access token verifies and resolves to its claims', async (t) => {
  const { verifier, endpoint } = setup();
  const claims = await verifier.verify(await accessToken());
  t.same(claims, accessClaims(), 'every claim, unchanged');
  t.equal(endpoint.calls, 1);
  t.equal(endpoint.requests[0]!.url, jwksUri, 'keys from the configured JWKS URI');
});

t.test('clientId: aud for ID tokens, client_id for access tokens (Cognito access tokens have no aud)', async (t) => {
  const id = setup({ tokenUse: 'id' }).verifier;
  const access = setup({ tokenUse: 'access' }).verifier;
  await accepts(t, id.verify(await idToken()), 'ID token, aud = client');
  await rejectsWith(t, id.verify(await idToken({ aud: backend })), 'WRONG_AUDIENCE', 'ID token for another client');
  await rejectsWith(t, id.verify(await idToken({ aud: backend, client_id: spa })), 'WRONG_AUDIENCE', 'ID token: client_id does not stand in for aud');
  await rejectsWith(t, id.verify(await signToken(without(idClaims(), 'aud'), { key: idKey })), 'WRONG_AUDIENCE', 'ID token without aud');
  await accepts(t, id.verify(await idToken({ aud: [backend, spa] })), 'ID token, aud a list that has the client');

  await accepts(t, access.verify(await accessToken()), 'access token, client_id = client');
  await rejectsWith(t, access.verify(await accessToken({ client_id: backend })), 'WRONG_AUDIENCE', 'access token for another client');
  await rejectsWith(t, access.verify(await accessToken({ client_id: backend, aud: spa })), 'WRONG_AUDIENCE', 'access token: aud does not stand in for client_id');
  await rejectsWith(t, access.verify(await signToken(without(accessClaims(), 'client_id'))), 'MISSING_CLAIM', 'access token without client_id');
  await rejectsWith(t, access.verify(await accessToken({ client_id: 42 })), 'MISSING_CLAIM', 'client_id a number');
});

t.test('clientId as a list: any one of them', async (t) => {
  const { verifier } = setup({ clientId: [backend, spa] });
  await accepts(t, verifier.verify(await accessToken()), 'spa');
  await accepts(t, verifier.verify(await accessToken({ client_id: backend })), 'backend');
  await rejectsWith(t, verifier.verify(await accessToken({ client_id: '5ab9ne4o1lomb8b8ctd1cd8k0a' })), 'WRONG_AUDIENCE', 'a third client');
  const ids = setup({ tokenUse: 'id', clientId: [backend, spa] }).verifier;
  await accepts(t, ids.verify(await idToken({ aud: backend })), 'ID token for backend');
  await rejectsWith(t, ids.verify(await idToken({ aud: 'other' })), 'WRONG_AUDIENCE', 'ID token for a third client');
});

t.test("clientId with tokenUse null: the rule follows the token's own token_use", async (t) => {
  const { verifier } = setup({ tokenUse: null });
  await accepts(t, verifier.verify(await accessToken()), 'access token');
  await accepts(t, verifier.verify(await idToken()), 'ID token');
  await rejectsWith(t, verifier.verify(await accessToken({ client_id: backend, aud: spa })), 'WRONG_AUDIENCE', 'access token: client_id still decides');
  await rejectsWith(t, verifier.verify(await idToken({ aud: backend, client_id: spa })), 'WRONG_AUDIENCE', 'ID token: aud still decides');
});

t.test('audience: the generic rule, aud only', async (t) => {
  const { verifier } = setup({ tokenUse: 'id', clientId: null, audience: 'api://orders' });
  await accepts(t, verifier.verify(await idToken({ aud: 'api://orders' })), 'aud equal');
  await accepts(t, verifier.verify(await idToken({ aud: ['x', 'api://orders'] })), 'aud a list containing it');
  await rejectsWith(t, verifier.verify(await idToken()), 'WRONG_AUDIENCE', 'aud of another audience');
  await rejectsWith(t, verifier.verify(await idToken({ aud: 7 })), 'WRONG_AUDIENCE', 'aud a number');
  const access = setup({ tokenUse: 'access', clientId: null, audience: spa }).verifier;
  await rejectsWith(t, access.verify(await accessToken()), 'WRONG_AUDIENCE', 'a Cognito access token has no aud, so audience never matches it');
  const both = setup({ tokenUse: 'id', clientId: spa, audience: ['api://orders', spa] }).verifier;
  await accepts(t, both.verify(await idToken()), 'clientId and audience together: both hold');
  await rejectsWith(t, setup({ tokenUse: 'id', clientId: spa, audience: 'api://orders' }).verifier.verify(await idToken()), 'WRONG_AUDIENCE', 'both: audience fails');
  await accepts(t, setup({ tokenUse: 'id', clientId: null, audience: null }).verifier.verify(await idToken({ aud: 'anything' })), 'both null: no audience check');
});

t.test('token_use: must equal tokenUse', async (t) => {
  const access = setup({ tokenUse: 'access' }).verifier;
  const id = setup({ tokenUse: 'id' }).verifier;
  await rejectsWith(t, access.verify(await idToken()), 'WRONG_TOKEN_USE', 'an ID token where an access token is expected');
  await rejectsWith(t, id.verify(await accessToken()), 'WRONG_TOKEN_USE', 'an access token where an ID token is expected');
  await rejectsWith(t, access.verify(await accessToken({ token_use: 'refresh' })), 'WRONG_TOKEN_USE', 'token_use "refresh"');
  await rejectsWith(t, access.verify(await signToken(without(accessClaims(), 'token_use'))), 'MISSING_CLAIM', 'no token_use');
  await rejectsWith(t, access.verify(await accessToken({ token_use: ['access'] })), 'MISSING_CLAIM', 'token_use an array');
});

t.test('groups: cognito:groups must include one of them', async (t) => {
  await accepts(t, setup({ groups: 'admin' }).verifier.verify(await accessToken()), 'one group, the user has it');
  await accepts(t, setup({ groups: ['readers', 'editors'] }).verifier.verify(await accessToken()), 'a list: one matches');
  await rejectsWith(t, setup({ groups: ['readers', 'owners'] }).verifier.verify(await accessToken()), 'GROUP_NOT_ALLOWED', 'none matches');
  await rejectsWith(t, setup({ groups: 'admin' }).verifier.verify(await signToken(without(accessClaims(), 'cognito:groups'))), 'GROUP_NOT_ALLOWED', 'a user with no groups');
  await rejectsWith(t, setup({ groups: 'admin' }).verifier.verify(await accessToken({ 'cognito:groups': 'admin' })), 'GROUP_NOT_ALLOWED', 'cognito:groups a string, not a list');
  await accepts(t, setup({ groups: null }).verifier.verify(await signToken(without(accessClaims(), 'cognito:groups'))), 'groups null: no check');
  await accepts(t, setup({ tokenUse: 'id', groups: 'editors' }).verifier.verify(await idToken()), 'ID tokens carry groups too');
});

t.test('scope: the space-separated scope must include one of them', async (t) => {
  const scoped = (scope: string) => accessToken({ scope });
  await accepts(t, setup({ scope: 'aws.cognito.signin.user.admin' }).verifier.verify(await accessToken()), "Cognito's default scope");
  await accepts(t, setup({ scope: ['teams/write', 'teams/read'] }).verifier.verify(await scoped('openid teams/read email')), 'a list: one matches');
  await rejectsWith(t, setup({ scope: 'teams/read' }).verifier.verify(await accessToken()), 'SCOPE_NOT_ALLOWED', 'scope lacks it');
  await rejectsWith(t, setup({ scope: 'teams/read' }).verifier.verify(await scoped('teams/readers')), 'SCOPE_NOT_ALLOWED', 'a prefix is not a match');
  await rejectsWith(t, setup({ scope: 'teams/read' }).verifier.verify(await signToken(without(accessClaims(), 'scope'))), 'SCOPE_NOT_ALLOWED', 'no scope');
  await rejectsWith(t, setup({ scope: 'teams/read' }).verifier.verify(await accessToken({ scope: ['teams/read'] })), 'SCOPE_NOT_ALLOWED', 'scope a list, not a string');
});

t.test('issuer: exact match, or null to skip', async (t) => {
  const { verifier } = setup();
  await rejectsWith(t, verifier.verify(await accessToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' })), 'WRONG_ISSUER', 'another pool');
  await rejectsWith(t, verifier.verify(await accessToken({ iss: `${issuer}/` })), 'WRONG_ISSUER', 'a trailing slash');
  await rejectsWith(t, verifier.verify(await accessToken({ iss: issuer.toUpperCase() })), 'WRONG_ISSUER', 'other case');
  await rejectsWith(t, verifier.verify(await signToken(without(accessClaims(), 'iss'))), 'MISSING_CLAIM', 'no iss');
  await rejectsWith(t, verifier.verify(await accessToken({ iss: 1 })), 'MISSING_CLAIM', 'iss a number');
  const open = setup({ issuer: null }).verifier;
  await accepts(t, open.verify(await accessToken({ iss: 'https://elsewhere.test' })), 'issuer null: any iss');
  await accepts(t, open.verify(await signToken(without(accessClaims(), 'iss'))), 'issuer null: no iss at all');
  await rejectsWith(t, open.verify(await accessToken({ iss: 1 })), 'MISSING_CLAIM', 'issuer null: iss, when present, must still be a string');
});

t.test('claims that are missing or of the wrong type → MISSING_CLAIM', async (t) => {
  const { verifier } = setup();
  const cases: Array<[string, Record<string, unknown>]> = [
    ['no sub', without(accessClaims(), 'sub')],
    ['sub a number', accessClaims(undefined, { sub: 12345 })],
    ['sub null', accessClaims(undefined, { sub: null })],
    ['sub empty', accessClaims(undefined, { sub: '' })],
    ['no exp', without(accessClaims(), 'exp')],
    ['exp a string', accessClaims(undefined, { exp: String(accessClaims().exp) })],
    ['exp null', accessClaims(undefined, { exp: null })],
    ['exp a boolean', accessClaims(undefined, { exp: true })],
    ['iat a string', accessClaims(undefined, { iat: String(accessClaims().iat) })],
    ['nbf a string', accessClaims(undefined, { nbf: '0' })],
    ['nbf an object', accessClaims(undefined, { nbf: {} })],
  ];
  for (const [what, claims] of cases) await rejectsWith(t, verifier.verify(await signToken(claims)), 'MISSING_CLAIM', what);
  // JSON has no Infinity, but 1e400 parses to it.
  const json = JSON.stringify(accessClaims()).replace(/"exp":\d+/, '"exp":1e400');
  await rejectsWith(t, verifier.verify(await signToken(json)), 'MISSING_CLAIM', 'exp 1e400 (Infinity)');
});

t.test('a payload that is not a JSON object → MALFORMED', async (t) => {
  const { verifier } = setup();
  const cases: Array<[string, string | Uint8Array | unknown[]]> = [
    ['a JSON array', [accessClaims()]],
    ['JSON null', 'null'],
    ['a JSON string', '"sub"'],
    ['a JSON number', '1893456000'],
    ['cut-off JSON', JSON.stringify(accessClaims()).slice(0, 40)],
    ['JSON with a trailing comma', '{"sub":"a",}'],
    ['not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['empty (a signed token with an empty payload segment)', ''],
  ];
  for (const [what, payload] of cases) {
    await rejectsWith(t, verifier.verify(await signToken(payload)), 'MALFORMED', what);
  }
});

t.test('a payload nesting deeper than 32 levels is MALFORMED at the payload check; brackets inside strings do not count', async (t) => {
  const { verifier } = setup();
  const nested = (depth: number) => JSON.parse('['.repeat(depth - 1) + ']'.repeat(depth - 1)) as unknown;
  await t.resolves(verifier.verify(await accessToken({ deep: nested(32) })), '32 levels, the payload object included: accepted');
  const deep = await rejectsWith(t, verifier.verify(await accessToken({ deep: nested(33) })), 'MALFORMED', '33 levels');
  t.equal(deep?.check, 'payload');
  t.match(deep?.message, 'deeper than 32 levels');
  await t.resolves(verifier.verify(await accessToken({ note: '{['.repeat(40) })), 'many brackets, all inside a string: 1 level');
  await t.resolves(verifier.verify(await accessToken({ a: [[1]], b: [[2]], c: '['.repeat(40) })), 'more than 32 brackets in all, 3 levels deep');
});
