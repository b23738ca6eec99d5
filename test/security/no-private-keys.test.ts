import { readFile } from 'node:fs/promises';
import t from 'tap';
import { privateKeyMaterialIn } from '../helpers/private-key-leak.js';
import { startTestIdp, testKeysFile } from '../helpers/idp.js';

t.test('the detector finds private JWK members and PEM private keys, and passes public JWKS', async (t) => {
  const file = JSON.parse(await readFile(testKeysFile, 'utf8')) as { keys: Array<{ privateJwk: Record<string, string> }> };
  const json = (body: unknown) => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  t.equal(privateKeyMaterialIn(json(file)), 'keys[0].privateJwk.d', 'the keys file is private');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = file.keys[0]!.privateJwk;
  t.equal(privateKeyMaterialIn(json({ keys: [publicJwk] })), null, 'a public JWK is fine');
  t.equal(privateKeyMaterialIn(json({ nested: [{ x: { qi: file.keys[0]!.privateJwk.qi } }] })), 'nested[0].x.qi', 'a private member on its own');
  t.equal(privateKeyMaterialIn({ contentType: 'text/html', body: '<pre>-----BEGIN PRIVATE KEY-----\nMII…' }), 'a PEM private key');
  t.equal(privateKeyMaterialIn({ contentType: 'application/json', body: '{"error":"x","d":"short"}' }), null, 'a short "d" field is not a key');
});

t.test('no surface sends private key material (every response of this server is inspected)', async (t) => {
  const idp = await startTestIdp(t);
  await idp.rotate();
  const paths = [
    '/.well-known/jwks.json',
    '/us-east-1_LocalPool/.well-known/jwks.json',
    '/eu-west-1_TeamsPool/.well-known/openid-configuration',
    '/health',
    '/_mock/keys',
    '/_mock/pools',
    '/_mock/scenarios',
    '/_mock/clock',
    '/_mock/app-services/apps',
  ];
  for (const url of paths) t.equal((await idp.app.inject({ url })).statusCode, 200, url);
  for (const scenario of ['valid', 'signed-by-retiring-key', 'hs256-with-public-key', 'alg-none']) {
    t.equal((await idp.app.inject({ method: 'POST', url: '/_mock/tokens', payload: { scenario } })).statusCode, 200, scenario);
  }
  await idp.app.inject({ method: 'POST', url: '/_mock/reset', payload: { keys: false } });
  t.same(idp.leakWatch.leaks, []);
  t.ok(idp.leakWatch.inspected >= paths.length + 5, `${idp.leakWatch.inspected} responses inspected`);
});
