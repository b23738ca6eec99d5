// Integration tests of app.mjs against a running mock-idp at IDP_URL: the pattern to copy.
// docker compose runs them with IDP_URL=http://idp:4455 (`docker compose run --rm consumer`).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import * as Realm from 'realm-web';
import { createApp } from './app.mjs';

const idp = process.env.IDP_URL ?? 'http://127.0.0.1:4455';
// When mock-idp runs with an admin token, its control API (/_mock/*) requires it.
const adminToken = process.env.MOCK_IDP_ADMIN_TOKEN;

/** GET (or POST with a JSON body) on mock-idp. */
async function call(path, body) {
  const headers = adminToken ? { authorization: `Bearer ${adminToken}` } : {};
  const init = body === undefined ? { headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${idp}${path}`, init);
  assert.ok(response.ok, `${path}: HTTP ${response.status}`);
  return response.json();
}

let app;
let clientId;
let alice;
const mint = async (request) => (await call('/_mock/tokens', { client: clientId, ...request })).token;
const kid = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
async function getMe(token) {
  const response = await fetch(`http://127.0.0.1:${app.address().port}/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

before(async () => {
  // Configure the app as for real Cognito: issuer and JWKS from discovery, the client id of the app client.
  const discovery = await call('/.well-known/openid-configuration');
  const { defaultPool, pools } = await call('/_mock/pools');
  const pool = pools.find((p) => p.id === defaultPool);
  clientId = pool.clients.find((c) => c.name === 'spa').id;
  alice = pool.users.find((u) => u.username === 'alice');
  app = createApp({ issuer: discovery.issuer, jwksUri: discovery.jwks_uri, clientId });
  app.listen(0, '127.0.0.1');
  await once(app, 'listening');
});
after(() => app.close());

test('a valid ID token is accepted', async () => {
  const me = await getMe(await mint({ user: 'alice' }));
  assert.deepEqual(me, { status: 200, body: { username: 'alice', email: alice.attributes.email } });
});

test('an expired token and a token for another client are rejected', async () => {
  assert.deepEqual(await getMe(await mint({ user: 'alice', scenario: 'expired' })), { status: 401, body: { code: 'EXPIRED' } });
  assert.deepEqual(await getMe(await mint({ user: 'alice', scenario: 'wrong-audience' })), { status: 401, body: { code: 'WRONG_AUDIENCE' } });
});

test('tokens keep verifying across a key rotation', async () => {
  const before = await mint({ user: 'alice' });
  assert.equal((await getMe(before)).status, 200, 'the app has cached the current keys');
  await call('/_mock/keys/rotate', {});
  const after = await mint({ user: 'alice' });
  assert.notEqual(kid(after), kid(before), 'a new key signs');
  assert.equal((await getMe(after)).status, 200, 'the new key is fetched on its first token');
  assert.equal((await getMe(before)).status, 200, 'the replaced key is still published');
});

test('App Services: realm-web logs in with a minted ID token and reads the profile', async () => {
  const realm = new Realm.App({ id: 'mock-idp-app-abcde', baseUrl: idp });
  const user = await realm.logIn(Realm.Credentials.jwt(await mint({ user: 'alice' })));
  await user.refreshProfile();
  assert.equal(user.profile.email, alice.attributes.email);
  assert.equal(user.profile.name, alice.attributes.name);
  await user.logOut();
});
