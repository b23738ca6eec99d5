// Reference: the ceiling for minting with Fastify, mock-idp's fixed HTTP
// framework. The same answers as http-ceiling-server.mjs (ceiling-answers.mjs:
// mock-idp-sized tokens signed as mock-idp signs them), from a bare Fastify
// server: no logger, no plugins, each request's JSON body parsed as Fastify
// parses it (mock-idp's requests carry one), nothing validated. Against the
// node:http ceiling, what Fastify itself costs a minting request; against
// the signing limit, the most a Fastify server can mint here. With `jose` after
// the keys, the refresh token of a sign-in is made with jose as mock-idp makes it.
// Usage: node fastify-ceiling-server.mjs PORT KEYS_FILE [jose]
import Fastify from 'fastify';
import { ceilingAnswers } from './ceiling-answers.mjs';

const [, , port, keysFile, jwe] = process.argv;
const { routes, jwks } = await ceilingAnswers(keysFile, { jose: jwe === 'jose' });

const app = Fastify({ logger: false });
// The Cognito API's content type, which the sign-in load sends.
app.addContentTypeParser('application/x-amz-json-1.1', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
app.get('/.well-known/jwks.json', (_request, reply) => reply.type('application/json').send(jwks));
for (const [path, answer] of Object.entries(routes)) app.post(path, () => answer());
await app.listen({ port: Number(port ?? 0), host: '127.0.0.1' });
