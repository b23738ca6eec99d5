// Reference: the minting ceiling on one event loop. A bare Fastify server that
// signs small RS256 JWTs with jose (WebCrypto: the signing runs on libuv's
// threadpool). `POST /token` signs one; `POST /sign-in` answers what a Cognito
// sign-in answers, signed concurrently: two RS256 JWTs and one RSA-OAEP JWE.
// `POST /cognito/token` and `POST /cognito/sign-in` do the same with tokens of
// Cognito's size: the claims Cognito puts in a user's ID and access tokens
// (the developer guide's ID and access token pages,
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
// and …-using-the-access-token.html), for a user with the attributes of
// mock-idp's fixture user alice, so what the size of the tokens costs shows
// apart from what mock-idp's own work costs.
// Usage: node signer-server.mjs PORT KEYS_FILE
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { CompactEncrypt, importJWK, SignJWT } from 'jose';
import { newSession, refreshContents } from './sign-in-session.mjs';

const [, , port, keysFile] = process.argv;
const { keys } = JSON.parse(readFileSync(keysFile, 'utf8'));
const [first, second] = keys;
const signingKey = await importJWK({ ...first.privateJwk, alg: 'RS256' }, 'RS256');
const encryptionKey = await importJWK({ kty: 'RSA', n: second.privateJwk.n, e: second.privateJwk.e }, 'RSA-OAEP');
const encoder = new TextEncoder();

const small = (tokenUse) => ({ sub: randomUUID(), token_use: tokenUse, iss: 'http://127.0.0.1/reference', jti: randomUUID() });
const sign = (claims) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ kid: first.kid, alg: 'RS256' })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
};
const encrypt = (contents = { jti: randomUUID() }) =>
  new CompactEncrypt(encoder.encode(JSON.stringify(contents))).setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }).encrypt(encryptionKey);

const issuer = 'http://127.0.0.1:4455/us-east-1_LocalPool';
const clientId = '1vngm1viu6qqksk0qckq8aag7p';
// The fixture user the bench signs in as, with attributes as tokens carry them (`*_verified` as booleans).
const alice = JSON.parse(readFileSync(new URL('../../../fixtures/users.json', import.meta.url), 'utf8')).users.find((u) => u.username === 'alice');
const user = { sub: alice.sub, 'cognito:groups': alice.groups };
const attributes = Object.fromEntries(Object.entries(alice.attributes).map(([name, value]) => [name, name.endsWith('_verified') ? value === 'true' : value]));
const cognito = (tokenUse, session) => {
  const shared = { ...user, iss: issuer, origin_jti: session.originJti };
  const times = { auth_time: session.authTime, jti: randomUUID() };
  return tokenUse === 'id'
    ? { ...shared, 'cognito:username': 'alice', aud: clientId, event_id: session.eventId, token_use: 'id', ...attributes, ...times }
    : { ...shared, client_id: clientId, event_id: session.eventId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', ...times, username: 'alice' };
};

const jwks = JSON.stringify({ keys: [{ alg: 'RS256', e: first.privateJwk.e, kid: first.kid, kty: 'RSA', n: first.privateJwk.n, use: 'sig' }] });

const app = Fastify({ logger: false });
app.get('/.well-known/jwks.json', (_request, reply) => {
  reply.type('application/json').send(jwks);
});
app.post('/token', async () => ({ token: await sign(small('access')) }));
app.post('/sign-in', async () => {
  const [IdToken, AccessToken, RefreshToken] = await Promise.all([sign(small('id')), sign(small('access')), encrypt()]);
  return { AuthenticationResult: { AccessToken, IdToken, RefreshToken, ExpiresIn: 3600, TokenType: 'Bearer' } };
});
app.post('/cognito/token', async () => ({ token: await sign(cognito('access', newSession())) }));
app.post('/cognito/sign-in', async () => {
  const session = newSession();
  const [IdToken, AccessToken, RefreshToken] = await Promise.all([sign(cognito('id', session)), sign(cognito('access', session)), encrypt(refreshContents(session, clientId))]);
  return { AuthenticationResult: { AccessToken, IdToken, RefreshToken, ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} };
});
await app.listen({ port: Number(port ?? 0), host: '127.0.0.1' });
