/**
 * The claims of ID and access tokens, as POST /_mock/tokens mints them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html).
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import { call, startTestIdp, testEpochMs, type TestIdp } from '../helpers/idp.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const backend = '74tsdvbgrc3esbuvkbj4ft5dam';
const spa = '1vngm1viu6qqksk0qckq8aag7p';
const aliceSub = 'd84bfcda-8de1-730f-de54-1abaeb6dad81';
const now = testEpochMs / 1000;

const part = (token: string, i: number) => Buffer.from(token.split('.')[i]!, 'base64url').toString('utf8');

async function mint(idp: TestIdp, body: Record<string, unknown>) {
  const res = await call(idp, 'POST', '/_mock/tokens', body);
  if (res.status !== 200) throw new Error(`mint failed: ${JSON.stringify(res.body)}`);
  return res.body as { token: string; header: Record<string, unknown>; payload: Record<string, any>; signedWith: { kid: string }; user: string };
}

async function verify(idp: TestIdp, token: string, pool = 'us-east-1_LocalPool') {
  const jwks = (await call(idp, 'GET', `/${pool}/.well-known/jwks.json`)).body;
  return jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['RS256'], issuer: idp.issuer(pool), currentDate: new Date(idp.clock.now()) });
}

t.test('ID token: header and claims exactly as Cognito issues them', async (t) => {
  const idp = await startTestIdp(t);
  const minted = await mint(idp, { user: 'alice', client: 'backend' });
  const { token, payload } = minted;

  t.ok(token.startsWith('eyJraWQiOi'), "the header begins with kid, as Cognito's does");
  const headerJson = part(token, 0);
  t.equal(headerJson, JSON.stringify({ kid: minted.signedWith.kid, alg: 'RS256' }), 'header is exactly {kid, alg}, no typ');
  t.same(minted.header, JSON.parse(headerJson));
  t.same(JSON.parse(part(token, 1)), payload, 'the response shows the payload as signed');

  t.same(Object.keys(payload), [
    'sub',
    'cognito:groups',
    'iss',
    'cognito:username',
    'origin_jti',
    'aud',
    'event_id',
    'token_use',
    'email',
    'email_verified',
    'phone_number',
    'phone_number_verified',
    'name',
    'given_name',
    'family_name',
    'custom:tenant',
    'auth_time',
    'exp',
    'iat',
    'jti',
  ]);
  t.match(payload, {
    sub: aliceSub,
    'cognito:groups': ['admin', 'editors'],
    iss: idp.issuer(),
    'cognito:username': 'alice',
    aud: backend,
    token_use: 'id',
    email: 'alice.strosin9@example.com',
    name: 'Alice Strosin',
  });
  t.equal(payload.email_verified, true, 'email_verified is a boolean in tokens');
  t.equal(payload.phone_number_verified, false);
  t.equal(payload['custom:tenant'], 'hooli', 'custom attributes are strings');
  for (const claim of ['origin_jti', 'event_id', 'jti']) t.match(payload[claim], uuid, `${claim} is a UUID`);
  t.not(payload.jti, payload.origin_jti);
  t.equal(payload.iat, now, 'iat is the server clock, in seconds');
  t.equal(payload.auth_time, now);
  t.equal(payload.exp - payload.iat, 3600, "the backend client's ID token lifetime (default)");
  t.notOk('nbf' in payload, 'Cognito sets no nbf');

  const verified = await verify(idp, token);
  t.equal(verified.protectedHeader.kid, minted.signedWith.kid, "signed by a key of the pool's JWKS");
});

t.test('access token: client_id, no aud, the API-flow scope, and its own key', async (t) => {
  const idp = await startTestIdp(t);
  const access = await mint(idp, { user: 'alice', client: 'backend', tokenUse: 'access' });
  const id = await mint(idp, { user: 'alice', client: 'backend', tokenUse: 'id' });
  const { payload } = access;
  t.same(Object.keys(payload), ['sub', 'cognito:groups', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username']);
  t.match(payload, {
    sub: aliceSub,
    'cognito:groups': ['admin', 'editors'],
    iss: idp.issuer(),
    client_id: backend,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    username: 'alice',
  });
  t.notOk('aud' in payload, 'no aud in access tokens');
  t.notOk('email' in payload, 'no user attributes in access tokens');
  t.equal(payload.exp - payload.iat, 900, 'backend accessTokenValiditySeconds from fixtures/config.json');
  t.ok(access.token.startsWith('eyJraWQiOi'));
  t.same(Object.keys(access.header), ['kid', 'alg']);
  t.not(access.header.kid, id.header.kid, 'ID and access tokens are signed by different keys');
  const jwks = (await call(idp, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
  t.same([access.header.kid, id.header.kid].sort(), [...jwks].sort(), 'both keys are in the JWKS');
  await verify(idp, access.token);

  const spaToken = await mint(idp, { user: 'alice', client: spa, tokenUse: 'access' });
  t.equal(spaToken.payload.client_id, spa, 'a client by id');
  t.equal(spaToken.payload.exp - spaToken.payload.iat, 3600, "Cognito's default lifetime");
});

t.test('cognito:groups only when the user has groups', async (t) => {
  const idp = await startTestIdp(t);
  for (const tokenUse of ['id', 'access']) {
    const bob = await mint(idp, { user: 'bob', tokenUse });
    t.notOk('cognito:groups' in bob.payload, `${tokenUse}: bob has no groups, so no claim`);
    t.equal(bob.payload.sub, 'ded7bef7-fedf-7d7e-a637-b46eef3abd6d');
    const alice = await mint(idp, { user: 'alice', tokenUse });
    t.same(alice.payload['cognito:groups'], ['admin', 'editors']);
  }
});

t.test('defaults and lookups: default pool, its first client and first user; users by email, sub, any case', async (t) => {
  const idp = await startTestIdp(t);
  const minted = await mint(idp, {});
  t.match(minted, { pool: 'us-east-1_LocalPool', client: spa, user: 'alice', tokenUse: 'id', scenario: 'valid', expected: { accept: true } });
  t.equal(minted.payload.aud, spa);
  for (const user of ['ALICE', 'alice.strosin9@example.com', 'Alice.Strosin9@Example.com', aliceSub]) {
    t.equal((await mint(idp, { user })).payload['cognito:username'], 'alice', user);
  }
  const teams = await mint(idp, { pool: 'eu-west-1_TeamsPool' });
  t.equal(teams.user, 'carol', 'the first user of that pool');
  t.equal(teams.payload.aud, '1btg84t72jk3sji5tn8pa3gpvo', 'and its first client');
});

t.test('the issuer in tokens is idp.issuer(pool), in both issuer styles', async (t) => {
  const idp = await startTestIdp(t);
  for (const pool of ['us-east-1_LocalPool', 'eu-west-1_TeamsPool']) {
    for (const tokenUse of ['id', 'access']) {
      t.equal((await mint(idp, { pool, tokenUse })).payload.iss, idp.issuer(pool), `${pool} ${tokenUse}`);
    }
  }
  t.equal(idp.issuer(), `${idp.url}/us-east-1_LocalPool`);

  const cognito = await startTestIdp(t, { config: { issuerStyle: 'cognito' } });
  const token = await mint(cognito, { pool: 'eu-west-1_TeamsPool', tokenUse: 'access' });
  t.equal(token.payload.iss, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool');
  t.equal(token.payload.iss, cognito.issuer('eu-west-1_TeamsPool'));

  const proxied = await startTestIdp(t, { config: { publicUrl: 'https://idp.example.test/base' } });
  t.equal((await mint(proxied, {})).payload.iss, 'https://idp.example.test/base/us-east-1_LocalPool');
});

t.test('iat and auth_time follow the server clock', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 3600 });
  const { payload } = await mint(idp, {});
  t.equal(payload.iat, now + 3600);
  t.equal(payload.auth_time, now + 3600);
  idp.baseClock.advanceBy(1500); // sub-second time is floored
  t.equal((await mint(idp, {})).payload.iat, now + 3601);
});
