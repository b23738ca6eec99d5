/**
 * What JwksCache refuses to take keys from: a body over maxJwksBytes (read piece by piece, the request
 * abandoned), a redirect to another origin, a content type that is not JSON, two keys under one kid.
 * Real HTTP servers on loopback (redirects and streaming are the point), a fake clock.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { JwksCache } from '../../src/verifier/jwks-cache.js';
import { accessClaims, accessKey, FakeClock, FakeJwksEndpoint, idKey, issuer, jwksOf, jwksUri, rejectsWith, signToken, spa } from '../helpers/verifier.js';

const json = { 'content-type': 'application/json' };

async function serve(t: Test, handler: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

t.test('a JWKS over maxJwksBytes is refused (JWKS_INVALID) without reading it all; one under it is fine', async (t) => {
  let written = 0;
  const { origin } = await serve(t, (request, response) => {
    if (request.url === '/small') return response.writeHead(200, json).end(JSON.stringify(jwksOf(accessKey)));
    // 64 MiB, streamed without a Content-Length, in 64 KiB pieces as fast as the client reads.
    response.writeHead(200, json);
    const piece = Buffer.alloc(64 * 1024, 0x20);
    response.write('{"keys":[');
    const more = () => {
      while (written < 64 * 1024 * 1024 && !response.destroyed) {
        written += piece.length;
        if (!response.write(piece)) return void response.once('drain', more);
      }
      response.end(']}');
    };
    more();
  });
  const cache = new JwksCache(`${origin}/big`, { now: new FakeClock().now });
  const error = await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_INVALID', 'a 64 MiB stream');
  t.match(error?.message, /maxJwksBytes \(524288 bytes\)/, 'names the limit');
  t.ok(written < 8 * 1024 * 1024, `stopped reading early (the server wrote ${written} bytes before the client went away)`);
  await t.resolves(new JwksCache(`${origin}/small`, { now: new FakeClock().now }).getKey(accessKey.kid), 'a normal JWKS');

  const small = new JwksCache(`${origin}/small`, { now: new FakeClock().now, maxJwksBytes: 100 });
  await rejectsWith(t, small.getKey(accessKey.kid), 'JWKS_INVALID', 'the option lowers the limit');
  t.equal(small.counters.errors, 1, 'counted as an error');
});

t.test('a Content-Length over the limit is refused before the body', async (t) => {
  const endpoint = new FakeJwksEndpoint({ body: jwksOf(accessKey), headers: { 'content-length': String(10 * 1024 * 1024) } });
  const cache = new JwksCache(jwksUri, { now: new FakeClock().now, fetch: endpoint.fetch });
  await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_INVALID', 'Content-Length 10 MiB');
});

t.test('redirects: followed within the origin, refused to another origin (JWKS_INVALID)', async (t) => {
  const other = await serve(t, (_request, response) => response.writeHead(200, json).end(JSON.stringify(jwksOf(accessKey))));
  const { origin } = await serve(t, (request, response) => {
    if (request.url === '/jwks') return response.writeHead(200, json).end(JSON.stringify(jwksOf(accessKey)));
    if (request.url === '/moved') return response.writeHead(301, { location: '/jwks' }).end();
    if (request.url === '/away') return response.writeHead(302, { location: `${other.origin}/jwks` }).end();
    if (request.url === '/loop') return response.writeHead(307, { location: '/loop' }).end();
    return response.writeHead(302).end();
  });
  const cache = (path: string) => new JwksCache(`${origin}${path}`, { now: new FakeClock().now });
  await t.resolves(cache('/moved').getKey(accessKey.kid), 'a same-origin redirect is followed');
  const away = await rejectsWith(t, cache('/away').getKey(accessKey.kid), 'JWKS_INVALID', 'a redirect to another origin');
  t.match(away?.message, /another origin/);
  await rejectsWith(t, cache('/loop').getKey(accessKey.kid), 'JWKS_INVALID', 'a redirect loop');
  await rejectsWith(t, cache('/no-location').getKey(accessKey.kid), 'JWKS_UNAVAILABLE', 'a redirect without a Location');

  const verifier = createVerifier({ issuer, clientId: spa, tokenUse: 'access', jwksUri: `${origin}/away`, now: new FakeClock().now });
  await rejectsWith(t, verifier.verify(await signToken(accessClaims())), 'JWKS_INVALID', 'through createVerifier');
});

t.test('the content type must be JSON, unless requireJsonContentType is false', async (t) => {
  for (const [contentType, accepted] of [
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/jwk-set+json', true],
    ['Application/JSON;charset=UTF-8', true],
    ['text/plain', false],
    ['text/html', false],
    ['application/octet-stream', false],
  ] as const) {
    const endpoint = new FakeJwksEndpoint({ body: jwksOf(accessKey), headers: { 'content-type': contentType } });
    const cache = new JwksCache(jwksUri, { now: new FakeClock().now, fetch: endpoint.fetch });
    if (accepted) await t.resolves(cache.getKey(accessKey.kid), contentType);
    else await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_UNAVAILABLE', contentType);
    const relaxed = new JwksCache(jwksUri, { now: new FakeClock().now, fetch: endpoint.fetch, requireJsonContentType: false });
    await t.resolves(relaxed.getKey(accessKey.kid), `${contentType}, relaxed`);
  }
  const { origin } = await serve(t, (_request, response) => response.end(JSON.stringify(jwksOf(accessKey))));
  await rejectsWith(t, new JwksCache(origin, { now: new FakeClock().now }).getKey(accessKey.kid), 'JWKS_UNAVAILABLE', 'no content type');
});

t.test('two keys with one kid: the key set is refused (JWKS_INVALID), whichever key comes first', async (t) => {
  const twin = { ...idKey.publicJwk, kid: accessKey.kid };
  for (const keys of [
    [accessKey.publicJwk, twin],
    [twin, accessKey.publicJwk],
    [accessKey.publicJwk, { kty: 'EC', kid: accessKey.kid }],
  ]) {
    const endpoint = new FakeJwksEndpoint({ body: { keys } });
    const cache = new JwksCache(jwksUri, { now: new FakeClock().now, fetch: endpoint.fetch });
    const error = await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_INVALID', 'a duplicated kid');
    t.match(error?.message, /two keys with the kid/);
  }
});

t.test('a refused answer after keys were cached: the cached keys serve as for any failure', async (t) => {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint({ body: jwksOf(accessKey), headers: { 'cache-control': 'max-age=60' } });
  const cache = new JwksCache(jwksUri, { now: clock.now, fetch: endpoint.fetch, maxStaleSeconds: 600 });
  await cache.getKey(accessKey.kid);
  endpoint.reply = { body: { keys: [accessKey.publicJwk, { ...idKey.publicJwk, kid: accessKey.kid }] } };
  clock.advanceSeconds(120);
  await t.resolves(cache.getKey(accessKey.kid), 'stale keys serve');
  t.equal(cache.counters.staleServes, 1);
  clock.advanceSeconds(3600);
  await rejectsWith(t, cache.getKey(accessKey.kid), 'JWKS_INVALID', 'past the stale limit');
});
