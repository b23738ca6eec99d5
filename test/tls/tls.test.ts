import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { ensureTlsMaterial } from '../../src/tls/certificates.js';
import { startTestIdp } from '../helpers/idp.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** GET or POST over HTTPS trusting only `ca`. */
function httpsJson(url: string, ca: string, body?: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body ? 'POST' : 'GET', ca, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

t.test('the local CA and server certificate are made once, then reused; a new host gets a new server certificate from the same CA', async (t) => {
  const dir = t.testdir();
  const first = await ensureTlsMaterial(dir, ['localhost', '127.0.0.1']);
  t.equal(first.reused, false);
  t.same((await readdir(dir)).sort(), ['ca-key.pem', 'ca.pem', 'server-key.pem', 'server.pem']);
  const again = await ensureTlsMaterial(dir, ['localhost', '127.0.0.1']);
  t.equal(again.reused, true);
  t.equal(again.cert, first.cert);
  const wider = await ensureTlsMaterial(dir, ['localhost', '127.0.0.1', 'idp']);
  t.equal(wider.reused, false);
  t.equal(wider.ca, first.ca, 'same CA: what users already trust keeps working');
  t.not(wider.cert, first.cert);
});

t.test('--tls: HTTPS everywhere, trusted through the local CA only', async (t) => {
  const dir = t.testdir();
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { tls: { enabled: true, dir } } });
  t.match(idp.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  t.match(idp.issuer(), /^https:\/\//, 'issuers and URLs use https');
  const ca = await readFile(join(dir, 'ca.pem'), 'utf8');
  t.equal((await httpsJson(`${idp.url}/health`, ca)).status, 200);
  await t.rejects(fetch(`${idp.url}/health`), 'a client that does not trust the CA refuses the certificate');

  // The App Services default app fetches its JWK URI (this server, over HTTPS) with the local CA.
  const { token } = await idp.mint({ user: 'alice' });
  const login = await httpsJson(`${idp.url}/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login`, ca, { token });
  t.equal(login.status, 200);
  t.type(login.json.user_id, 'string');
});

t.test("aws-jwt-verify's default fetcher (HTTPS only) works with NODE_EXTRA_CA_CERTS, no custom fetcher", async (t) => {
  const dir = t.testdir();
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { tls: { enabled: true, dir } } });
  const { token } = await idp.mint({ user: 'alice', tokenUse: 'access' });
  const script = `
    import { JwtVerifier } from 'aws-jwt-verify';
    const verifier = JwtVerifier.create({ issuer: process.env.ISSUER, audience: null, jwksUri: process.env.JWKS_URI });
    const payload = await verifier.verify(process.env.TOKEN);
    console.log(JSON.stringify({ username: payload.username }));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'), ISSUER: idp.issuer(), JWKS_URI: idp.jwksUri(), TOKEN: token },
  });
  t.same(JSON.parse(stdout), { username: 'alice' });
});
