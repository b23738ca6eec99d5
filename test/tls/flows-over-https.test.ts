import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = fileURLToPath(new URL('./flows-over-https.mjs', import.meta.url));

t.test("over --tls, the tokens of every sign-in flow verify with aws-jwt-verify's default fetcher", async (t) => {
  const dir = t.testdir();
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { tls: { enabled: true, dir } } });
  const pool = idp.services.directory.pool();
  const backend = idp.services.directory.client(pool, 'backend');
  const alice = idp.services.directory.user(pool, 'alice');
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    cwd: root,
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      BASE: idp.url,
      ISSUER: idp.issuer(),
      POOL: pool.id,
      SPA: idp.services.directory.client(pool, 'spa').id,
      BACKEND: backend.id,
      BACKEND_SECRET: backend.secret!,
      PASSWORD: alice.password,
    },
  });
  t.same(JSON.parse(stdout.trim().split('\n').pop()!), {
    'sdk-id': { token_use: 'id', username: 'alice' },
    'sdk-access': { token_use: 'access', username: 'alice' },
    'srp-access': { token_use: 'access', username: 'alice' },
    'oauth-id': { token_use: 'id', username: 'alice' },
    'oauth-access': { token_use: 'access', username: 'alice' },
    'client-credentials': { token_use: 'access', username: null },
  });
});
