import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { s256Challenge, verifyPkce } from '../../src/cognito/pkce.js';

const client = { id: 'abcdefghij0123456789klmnop', name: 'web' };

t.test('callbackUrls and logoutUrls: https, http only on localhost, app schemes; no fragments', async (t) => {
  const load = (urls: Record<string, string[]>) => {
    const dir = t.testdir({ 'config.json': JSON.stringify({ pools: [{ id: 'us-west-2_Mine', clients: [{ ...client, ...urls }] }] }) });
    return loadConfig({ file: join(dir, 'config.json') });
  };
  const good = ['https://app.example.com/cb', 'http://localhost:3000/callback', 'http://127.0.0.1/cb?x=1', 'http://[::1]:8080/', 'myapp://callback'];
  const loaded = await load({ callbackUrls: good, logoutUrls: ['http://localhost:3000/'] });
  t.same(loaded.config.pools[0]!.clients[0]!.callbackUrls, good);
  for (const bad of ['http://app.example.com/cb', 'http://localhost.evil.example/', 'https://app.example.com/#frag', '/relative', 'HTTP://app.example.com/']) {
    for (const field of ['callbackUrls', 'logoutUrls']) {
      await t.rejects(load({ [field]: [bad] }), { code: 'INVALID_CONFIG', details: { path: `pools[0].clients[0].${field}[0]` } }, `${field}: ${bad}`);
    }
  }
});

t.test('PKCE S256: BASE64URL(SHA256(verifier)) == challenge', async (t) => {
  // RFC 7636 appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  t.equal(s256Challenge(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  t.ok(verifyPkce(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'));
  t.notOk(verifyPkce(`${verifier}x`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'));
  t.notOk(verifyPkce(undefined, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'));
  t.notOk(verifyPkce('short', s256Challenge('short')), 'a verifier shorter than 43 characters');
});
