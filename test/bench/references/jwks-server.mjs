// Reference: the HTTP ceiling. A bare Fastify server answering one fixed JWKS,
// serialised once. Plain JavaScript run by `node` (no TypeScript loader), so its
// start-up is what a bare Fastify server costs. Usage: node jwks-server.mjs PORT
import Fastify from 'fastify';

const jwks = JSON.stringify({
  keys: [
    { alg: 'RS256', e: 'AQAB', kid: 'reference-key-1', kty: 'RSA', n: 'x'.repeat(342), use: 'sig' },
    { alg: 'RS256', e: 'AQAB', kid: 'reference-key-2', kty: 'RSA', n: 'y'.repeat(342), use: 'sig' },
  ],
});

const app = Fastify({ logger: false });
app.get('/.well-known/jwks.json', (_request, reply) => {
  reply.type('application/json').send(jwks);
});
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
