// Reference: the minting ceiling on one event loop. A bare Fastify server that
// signs small RS256 JWTs with jose (WebCrypto: the signing runs on libuv's
// threadpool). `POST /token` signs one; `POST /sign-in` answers what a Cognito
// sign-in answers, signed concurrently: two RS256 JWTs and one RSA-OAEP JWE.
// Usage: node signer-server.mjs PORT KEYS_FILE
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { CompactEncrypt, importJWK, SignJWT } from 'jose';

const [, , port, keysFile] = process.argv;
const { keys } = JSON.parse(readFileSync(keysFile, 'utf8'));
const [first, second] = keys;
const signingKey = await importJWK({ ...first.privateJwk, alg: 'RS256' }, 'RS256');
const encryptionKey = await importJWK({ kty: 'RSA', n: second.privateJwk.n, e: second.privateJwk.e }, 'RSA-OAEP');
const encoder = new TextEncoder();

const sign = (tokenUse) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: randomUUID(), token_use: tokenUse, iss: 'http://127.0.0.1/reference', jti: randomUUID() })
    .setProtectedHeader({ kid: first.kid, alg: 'RS256' })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
};
const encrypt = () =>
  new CompactEncrypt(encoder.encode(JSON.stringify({ jti: randomUUID() })))
    .setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })
    .encrypt(encryptionKey);

const jwks = JSON.stringify({ keys: [{ alg: 'RS256', e: first.privateJwk.e, kid: first.kid, kty: 'RSA', n: first.privateJwk.n, use: 'sig' }] });

const app = Fastify({ logger: false });
app.get('/.well-known/jwks.json', (_request, reply) => {
  reply.type('application/json').send(jwks);
});
app.post('/token', async () => ({ token: await sign('access') }));
app.post('/sign-in', async () => {
  const [IdToken, AccessToken, RefreshToken] = await Promise.all([sign('id'), sign('access'), encrypt()]);
  return { AuthenticationResult: { AccessToken, IdToken, RefreshToken, ExpiresIn: 3600, TokenType: 'Bearer' } };
});
await app.listen({ port: Number(port ?? 0), host: '127.0.0.1' });
