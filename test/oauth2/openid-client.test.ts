/**
 * openid-client v6, unchanged, against mock-idp: discovery, authorization
 * code + PKCE through the hosted login page, refresh, userinfo, revocation and
 * client_credentials. The tokens also verify with mock-idp/verifier.
 */
import * as client from 'openid-client';
import t from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { authorizeQuery, backendId, callback, signInThrough, spaId, startOAuthIdp } from '../helpers/oauth2.js';

const insecure = { execute: [client.allowInsecureRequests] };

t.test('authorization code + PKCE through the login page, then refresh, userinfo and revocation', async (t) => {
  const idp = await startOAuthIdp(t);
  const config = await client.discovery(new URL(idp.issuer()), spaId, undefined, client.None(), insecure);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callback,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  t.equal(`${url.origin}${url.pathname}`, `${idp.url}/oauth2/authorize`, 'the authorization endpoint from discovery');

  const { location } = await signInThrough(t, idp, url.search.slice(1), { username: 'alice', password: idp.fixtures.passwords.alice! });
  t.match(location, /^http:\/\/localhost:3000\/callback\?code=[0-9a-f-]{36}&state=/);
  const tokens = await client.authorizationCodeGrant(config, new URL(location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  t.equal(tokens.token_type.toLowerCase(), 'bearer');
  t.equal(tokens.expires_in, 3600);
  t.match(tokens.refresh_token, /^[\w-]+(\.[\w-]*){4}$/, 'a 5-part JWE refresh token');
  const claims = tokens.claims()!;
  t.equal(claims.sub, idp.fixtures.subs.alice);
  t.equal(claims.nonce, nonce);
  t.type(claims.at_hash, 'string');

  const idVerifier = createVerifier({ issuer: idp.issuer(), clientId: spaId, tokenUse: 'id' });
  const accessVerifier = createVerifier({ issuer: idp.issuer(), clientId: spaId, tokenUse: 'access' });
  t.match(await idVerifier.verify(tokens.id_token!), { 'cognito:username': 'alice', aud: spaId, nonce, email_verified: true });
  const access = await accessVerifier.verify(tokens.access_token);
  t.match(access, { version: 2, username: 'alice', client_id: spaId, scope: 'openid email profile' });

  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  t.match(info, { sub: claims.sub, email_verified: 'true', username: 'alice' }, 'booleans as strings, plus username');

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  t.equal(refreshed.refresh_token, undefined, 'no new refresh token without rotation');
  t.not(refreshed.access_token, tokens.access_token);
  const again = await accessVerifier.verify(refreshed.access_token);
  t.match(again, { origin_jti: access.origin_jti, auth_time: access.auth_time, scope: 'openid email profile', version: 2 }, 'the same sign-in');
  t.match(await idVerifier.verify(refreshed.id_token!), { sub: claims.sub });

  // Cognito's discovery document has no revocation_endpoint (nor has mock-idp's): name it, as with real Cognito.
  t.notOk(config.serverMetadata().revocation_endpoint, "discovery keeps Cognito's fields");
  const { supportsPKCE: _, ...metadata } = config.serverMetadata();
  const withRevocation = new client.Configuration({ ...metadata, revocation_endpoint: `${idp.url}/oauth2/revoke` }, spaId, undefined, client.None());
  client.allowInsecureRequests(withRevocation);
  await client.tokenRevocation(withRevocation, tokens.refresh_token!);
  const error = await client.refreshTokenGrant(config, tokens.refresh_token!).catch((e: unknown) => e);
  t.match(error, { error: 'invalid_grant', status: 400 }, 'a revoked refresh token is refused');
  const afterRevoke = await client.fetchUserInfo(config, refreshed.access_token, claims.sub).catch((e: unknown) => e);
  t.ok(afterRevoke instanceof Error, 'so are its access tokens');
});

t.test('a confidential client: client_secret_basic code flow, client_credentials with custom scopes', async (t) => {
  const idp = await startOAuthIdp(t);
  const secret = idp.fixtures.backendSecret;
  const config = await client.discovery(new URL(idp.issuer()), backendId, secret, client.ClientSecretBasic(), insecure);
  const { location } = await signInThrough(t, idp, authorizeQuery(backendId, { scope: 'openid', state: 'b1' }), { pick: 'bob' });
  const tokens = await client.authorizationCodeGrant(config, new URL(location), { expectedState: 'b1' });
  t.equal(tokens.claims()!['cognito:username'], 'bob');
  t.equal(tokens.expires_in, 900, "the backend client's access-token lifetime");

  const machine = await client.clientCredentialsGrant(config, { scope: 'mock-api/read' });
  t.same(Object.keys(machine).sort(), ['access_token', 'expires_in', 'token_type'], 'an access token only');
  const verifier = createVerifier({ issuer: idp.issuer(), clientId: backendId, tokenUse: 'access' });
  const claims = await verifier.verify(machine.access_token);
  t.match(claims, { sub: backendId, client_id: backendId, scope: 'mock-api/read', version: 2, token_use: 'access' });
  for (const absent of ['username', 'cognito:groups', 'origin_jti', 'event_id', 'aud']) t.notOk(absent in claims, `no ${absent}`);

  const post = await client.discovery(new URL(idp.issuer()), backendId, secret, client.ClientSecretPost(), insecure);
  const all = await client.clientCredentialsGrant(post);
  t.match(await verifier.verify(all.access_token), { scope: 'mock-api/read mock-api/write' }, 'no scope: every custom scope of the client');
});
