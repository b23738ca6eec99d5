// Reference: the HTTP ceiling for minting on this machine. A bare node:http
// server (no framework; it reads each request's body and parses nothing)
// answering what ceiling-answers.mjs makes: mock-idp-sized tokens signed as
// mock-idp signs them. What no server minting over HTTP can beat on the same
// cores under the same load: its ratio to the signing limit is the most
// minting over HTTP can reach here.
// With `workers` after the keys, the signatures are made in batches on worker threads (worker-signer.mjs).
// Usage: node http-ceiling-server.mjs PORT KEYS_FILE [workers]
import { createServer } from 'node:http';
import { ceilingAnswers } from './ceiling-answers.mjs';

const [, , port, keysFile, signer] = process.argv;
const { routes, jwks } = await ceilingAnswers(keysFile, { signer: signer === 'workers' ? 'workers' : 'threadpool' });

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    return;
  }
  const route = request.method === 'POST' ? routes[request.url] : undefined;
  if (!route) {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    route().then(
      (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error) => response.writeHead(500).end(String(error)),
    );
  });
});
server.listen(Number(port ?? 0), '127.0.0.1');
