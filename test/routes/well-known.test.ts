import t from 'tap';
import { call, startTestIdp } from '../helpers/idp.js';

t.test('JWKS of the default pool: two RS256 keys in Cognito form, sorted by kid', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/.well-known/jwks.json');
  t.equal(res.status, 200);
  const keys = res.body.keys as Array<Record<string, string>>;
  t.equal(keys.length, 2);
  for (const key of keys) {
    t.same(Object.keys(key), ['alg', 'e', 'kid', 'kty', 'n', 'use'], "members in Cognito's order");
    t.equal(key.alg, 'RS256');
    t.equal(key.e, 'AQAB');
    t.equal(key.use, 'sig');
    t.match(key.kid, /^[A-Za-z0-9+/]{43}=$/, 'kid is 44-char standard base64');
    t.equal(Buffer.from(key.n!, 'base64url').length, 256, '2048-bit modulus');
  }
  t.ok(keys[0]!.kid! < keys[1]!.kid!, 'sorted by kid');
  const perPool = await call(idp, 'GET', '/us-east-1_LocalPool/.well-known/jwks.json');
  t.same(perPool.body, res.body, "the root JWKS is the default pool's");
  const other = await call(idp, 'GET', '/eu-west-1_TeamsPool/.well-known/jwks.json');
  t.equal(other.body.keys.length, 2);
  t.notSame(other.body, res.body, 'each pool has its own keys');
});

t.test('JWKS caching headers: Cache-Control max-age, ETag, 304 on If-None-Match', async (t) => {
  const idp = await startTestIdp(t, { config: { keys: { jwksMaxAgeSeconds: 120 } } });
  const first = await call(idp, 'GET', '/.well-known/jwks.json');
  t.equal(first.headers.get('cache-control'), 'public, max-age=120');
  const etag = first.headers.get('etag')!;
  t.match(etag, /^"[\w-]+"$/);
  const again = await fetch(`${idp.url}/.well-known/jwks.json`, { headers: { 'if-none-match': etag } });
  t.equal(again.status, 304);
  t.equal(await again.text(), '');
  const weak = await fetch(`${idp.url}/.well-known/jwks.json`, { headers: { 'if-none-match': `"other", W/${etag}` } });
  t.equal(weak.status, 304, 'weak and listed tags match too');
  await idp.rotate({ tokenUse: 'id' });
  const after = await fetch(`${idp.url}/.well-known/jwks.json`, { headers: { 'if-none-match': etag } });
  t.equal(after.status, 200, 'a rotation changes the ETag');
  t.not(after.headers.get('etag'), etag);
});

t.test("discovery document has Cognito's fields with URLs from config", async (t) => {
  const idp = await startTestIdp(t, { config: { publicUrl: 'http://idp.test:9999/' } });
  const res = await call(idp, 'GET', '/eu-west-1_TeamsPool/.well-known/openid-configuration');
  t.equal(res.status, 200);
  t.same(res.body, {
    authorization_endpoint: 'http://idp.test:9999/oauth2/authorize',
    id_token_signing_alg_values_supported: ['RS256'],
    issuer: 'http://idp.test:9999/eu-west-1_TeamsPool',
    jwks_uri: 'http://idp.test:9999/eu-west-1_TeamsPool/.well-known/jwks.json',
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint: 'http://idp.test:9999/oauth2/token',
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: 'http://idp.test:9999/oauth2/userInfo',
  });
  const root = await call(idp, 'GET', '/.well-known/openid-configuration');
  t.equal(root.body.issuer, 'http://idp.test:9999/us-east-1_LocalPool', "root document is the default pool's");
});

t.test('issuer follows the port the server got (port 0) and the cognito style', async (t) => {
  const local = await startTestIdp(t);
  const port = new URL(local.url).port;
  t.not(port, '0');
  t.equal(local.issuer(), `http://127.0.0.1:${port}/us-east-1_LocalPool`);
  const discovery = await call(local, 'GET', '/.well-known/openid-configuration');
  t.equal(discovery.body.issuer, local.issuer());

  const cognito = await startTestIdp(t, { config: { issuerStyle: 'cognito' } });
  t.equal(cognito.issuer('eu-west-1_TeamsPool'), 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool');
  t.equal(cognito.jwksUri('eu-west-1_TeamsPool'), `${cognito.url}/eu-west-1_TeamsPool/.well-known/jwks.json`, 'keys still served locally');
});

t.test('unknown pool: 404 UNKNOWN_POOL', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/us-east-1_Nope/.well-known/jwks.json');
  t.equal(res.status, 404);
  t.equal(res.body.code, 'UNKNOWN_POOL');
});

t.test('health is ready once keys exist', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/health');
  t.equal(res.status, 200);
  t.equal(res.body.status, 'ok');
});
