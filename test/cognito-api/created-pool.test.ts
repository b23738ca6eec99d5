/**
 * A pool made by CreateUserPool is a full pool, like the configured ones: its own keys, JWKS,
 * discovery document and issuer (both issuer styles), key rotation, the control API, every
 * scenario and the hosted login; and making its keys never holds up other pools' JWKS.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import type { KeyFactory } from '../../src/keys/key-factory.js';
import { scenarios } from '../../src/tokens/scenarios.js';
import { createVerifier } from '../../src/verifier/index.js';
import { localPool, startCognito } from '../helpers/cognito.js';
import { call } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { authorizeQuery, callback, signInThrough } from '../helpers/oauth2.js';

const carol = { username: 'carol', password: 'Created-Pool-42!' };

/** A pool with a client (password and code flows) and one confirmed user, all through the SDK. */
async function createdPool(cognito: CognitoIdentityProviderClient) {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'created' }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: [callback],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: carol.username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: carol.username, Password: carol.password, Permanent: true }));
  return { poolId, clientId };
}

async function signIn(cognito: CognitoIdentityProviderClient, clientId: string) {
  const out = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: carol.username, PASSWORD: carol.password } }));
  return out.AuthenticationResult!;
}

// The pools made here take keys from fastKeyFactory (no RSA generation: test/state/created-pool-restart.test.ts
// makes real ones): each key is a distinct entry with its own kid, which is what these tests look at.
t.test('issuerStyle local: own JWKS, discovery and issuer; tokens verify with jose; rotation, control API, every scenario, hosted login', async (t) => {
  const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });
  const { poolId, clientId } = await createdPool(cognito);

  const jwks = (await call(idp, 'GET', `/${poolId}/.well-known/jwks.json`)).body;
  t.equal(jwks.keys.length, 2, 'an ID key and an access key');
  const defaultKids = new Set(idp.services.keyRing.published(localPool).map((k) => k.material.kid));
  t.notOk(
    jwks.keys.some((k: { kid: string }) => defaultKids.has(k.kid)),
    'keys of its own',
  );
  const discovery = (await call(idp, 'GET', `/${poolId}/.well-known/openid-configuration`)).body;
  t.equal(discovery.issuer, `${idp.url}/${poolId}`);
  t.equal(discovery.jwks_uri, `${idp.url}/${poolId}/.well-known/jwks.json`);

  const tokens = await signIn(cognito, clientId);
  const keySet = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload } = await jwtVerify(tokens.IdToken!, keySet, { issuer: discovery.issuer, audience: clientId });
  t.equal(payload['cognito:username'], carol.username);
  t.equal(payload.token_use, 'id');
  const access = await jwtVerify(tokens.AccessToken!, keySet, { issuer: discovery.issuer });
  t.equal(access.payload.client_id, clientId);

  // The control API lists it and mints for it.
  const listed = (await call(idp, 'GET', '/_mock/pools')).body.pools.find((p: { id: string }) => p.id === poolId);
  t.match(listed, { issuer: `${idp.url}/${poolId}`, clients: [{ id: clientId, name: 'web' }], users: [{ username: carol.username }] });
  const minted = await call(idp, 'POST', '/_mock/tokens', { pool: poolId, client: clientId, user: carol.username });
  t.equal(minted.status, 200);
  t.equal((await jwtVerify(minted.body.token, keySet, { issuer: discovery.issuer, audience: clientId })).payload.sub, payload.sub);

  // Rotation of this pool alone; then a retired key, for the scenarios that need one.
  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', { pool: poolId, prePublishSeconds: 0 });
  t.equal(rotated.status, 200);
  t.same(new Set(rotated.body.rotated.map((k: { pool: string }) => k.pool)), new Set([poolId]));
  t.equal((await call(idp, 'GET', `/${poolId}/.well-known/jwks.json`)).body.keys.length, 4, 'old and new keys published');
  t.equal(idp.services.keyRing.published(localPool).length, 2, 'other pools untouched');
  const retiring = idp.services.keyRing.newestInState(poolId, 'id', 'retiring')!;
  await call(idp, 'POST', '/_mock/keys/rotate', { pool: poolId, tokenUse: 'id', prePublishSeconds: 0 });
  t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(retiring.material.kid)}/retire`, {})).status, 200);

  const verifier = createVerifier({ issuer: discovery.issuer, jwksUri: discovery.jwks_uri, clientId, tokenUse: 'id', now: () => idp.clock.now() });
  for (const scenario of scenarios) {
    const res = await call(idp, 'POST', '/_mock/tokens', { pool: poolId, client: clientId, user: carol.username, tokenUse: 'id', scenario: scenario.name });
    t.equal(res.status, 200, `${scenario.name}: minted`);
    const accepted = await verifier.verify(res.body.token).then(
      () => true,
      () => false,
    );
    t.equal(accepted, scenario.expected.accept, `${scenario.name}: ${scenario.expected.accept ? 'accepted' : 'rejected'}`);
  }

  // The hosted login, for its client.
  const { location } = await signInThrough(t, idp, authorizeQuery(clientId, { scope: 'openid email' }), { pick: carol.username });
  const code = new URL(location).searchParams.get('code');
  t.ok(code, "a code for the created pool's client");
  const exchanged = await fetch(`${idp.url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: code!, redirect_uri: callback }),
  });
  t.equal(exchanged.status, 200);
  const { id_token: idToken } = (await exchanged.json()) as { id_token: string };
  // Signed by the key that took over at the rotation: a fresh key set (jose's refetches have a cooldown).
  const rotatedKeySet = createRemoteJWKSet(new URL(discovery.jwks_uri));
  t.equal((await jwtVerify(idToken, rotatedKeySet, { issuer: discovery.issuer, audience: clientId })).payload['cognito:username'], carol.username);
});

t.test("issuerStyle cognito: aws-jwt-verify accepts the created pool's tokens against its JWKS", async (t) => {
  const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
  const { poolId, clientId } = await createdPool(cognito);
  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
  const discovery = (await call(idp, 'GET', `/${poolId}/.well-known/openid-configuration`)).body;
  t.equal(discovery.issuer, issuer);
  t.equal(discovery.jwks_uri, `${idp.url}/${poolId}/.well-known/jwks.json`);

  const tokens = await signIn(cognito, clientId);
  // aws-jwt-verify fetches <iss>/.well-known/jwks.json over HTTPS: this fetcher sends it to the mock instead.
  const fetched: string[] = [];
  const fetcher: Fetcher = {
    async fetch(uri: string) {
      const local = uri.replace(/^https:\/\/cognito-idp\.[^/]+/, idp.url);
      fetched.push(local);
      return (await fetch(local)).arrayBuffer();
    },
  };
  const jwksCache = new SimpleJwksCache({ fetcher });
  const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId }, { jwksCache });
  const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId }, { jwksCache });
  t.match(await idVerifier.verify(tokens.IdToken!), { iss: issuer, aud: clientId, 'cognito:username': carol.username });
  t.match(await accessVerifier.verify(tokens.AccessToken!), { iss: issuer, client_id: clientId, username: carol.username });
  t.same([...new Set(fetched)], [`${idp.url}/${poolId}/.well-known/jwks.json`]);
  // The default pool's verifier refuses it: another pool's issuer.
  const other = CognitoJwtVerifier.create({ userPoolId: localPool, tokenUse: 'id', clientId }, { jwksCache });
  await t.rejects(other.verify(tokens.IdToken!));
});

t.test("making a pool's keys holds up no other pool; a pool's JWKS waits for its own keys", async (t) => {
  const fast = await fastKeyFactory();
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  let generating!: () => void;
  const generationStarted = new Promise<void>((resolve) => (generating = resolve));
  const slow: KeyFactory = { generate: async () => (generating(), await gate, fast.generate()) };
  const { idp, cognito } = await startCognito(t, { keyFactory: slow });

  const creating = cognito.send(new CreateUserPoolCommand({ PoolName: 'slow' }));
  await generationStarted;
  const defaultJwks = await call(idp, 'GET', `/${localPool}/.well-known/jwks.json`);
  t.equal(defaultJwks.status, 200, "the default pool's JWKS answers while the new pool's keys are made");
  t.equal(defaultJwks.body.keys.length, 2);
  t.equal((await call(idp, 'GET', '/health')).status, 200, 'health is not affected');
  release();
  const { UserPool } = await creating;
  t.equal((await call(idp, 'GET', `/${UserPool!.Id}/.well-known/jwks.json`)).body.keys.length, 2, 'answered once the pool can sign');

  // A pool known to the directory before its keys exist (as a restored pool is): its JWKS waits, never empty.
  gate = new Promise<void>((resolve) => (release = resolve));
  const { services } = idp;
  const template = services.directory.pool(UserPool!.Id);
  const id = 'us-east-1_Waiting01';
  const ready = services.keyRing.addPool(id);
  services.directory.addPool({ ...structuredClone(template), id, users: [] });
  let answered = false;
  const jwks = call(idp, 'GET', `/${id}/.well-known/jwks.json`).then((res) => ((answered = true), res));
  // Discovery names no key: it answers at once, as every pool's does while keys are made at start.
  t.equal((await call(idp, 'GET', `/${id}/.well-known/openid-configuration`)).body.jwks_uri, `${idp.url}/${id}/.well-known/jwks.json`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.notOk(answered, "the JWKS waits for the pool's keys");
  t.equal((await call(idp, 'GET', `/${localPool}/.well-known/jwks.json`)).status, 200, 'other pools answer meanwhile');
  release();
  await ready;
  t.equal((await jwks).body.keys.length, 2);
});
