// Reference: the start-up floor when keys must be made. A bare Fastify server
// that first makes the two RSA-2048 key pairs a Cognito pool publishes (one for
// ID tokens, one for access tokens): both at once with jose, on libuv's
// threadpool, started before Fastify loads; its JWKS waits for them. No server
// that makes its keys at start can answer sooner on the same machine. With
// KEYS=1 it makes one key pair, as oauth2-mock-server does at start.
// Usage: node jwks-fresh-keys-server.mjs PORT [KEYS (default 2)]
import { exportJWK, generateKeyPair } from 'jose';

const count = Number(process.argv[3] ?? 2);
const made = Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const { publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    return { ...(await exportJWK(publicKey)), alg: 'RS256', kid: `reference-key-${i + 1}`, use: 'sig' };
  }),
);
const jwks = made.then((keys) => JSON.stringify({ keys }));

const { default: Fastify } = await import('fastify');
const app = Fastify({ logger: false });
app.get('/.well-known/jwks.json', async (_request, reply) => reply.type('application/json').send(await jwks));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
