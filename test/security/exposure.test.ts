import { Writable } from 'node:stream';
import t from 'tap';
import { startMockIdp } from '../../src/index.js';
import { exposureWarning, isLoopbackHost } from '../../src/security/exposure.js';
import { testKeysFile } from '../helpers/idp.js';

t.test('loopback hosts', async (t) => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) t.ok(isLoopbackHost(host), host);
  for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:10.0.0.1', 'idp']) t.notOk(isLoopbackHost(host), host);
});

t.test('the warning: non-loopback without an admin token only', async (t) => {
  t.match(exposureWarning({ host: '0.0.0.0', adminToken: null }, 'http://0.0.0.0:1'), /anyone who can reach this address can mint/i);
  t.equal(exposureWarning({ host: '0.0.0.0', adminToken: 'x' }, 'http://0.0.0.0:1'), null);
  t.equal(exposureWarning({ host: '127.0.0.1', adminToken: null }, 'http://127.0.0.1:1'), null);
});

/** Starts a library server on `host` and returns the warn-level log lines. */
async function warningsOf(_t: unknown, host: string, adminToken?: string): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const idp = await startMockIdp({
    host,
    ...(adminToken ? { adminToken } : {}),
    logger: { level: 'warn', stream },
    config: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' } },
  });
  await idp.close();
  return lines
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level === 40)
    .map((l) => l.msg);
}

t.test('the library warns when bound to every interface without an admin token', async (t) => {
  const warnings = await warningsOf(t, '0.0.0.0');
  t.equal(warnings.length, 1);
  t.match(warnings[0], /WARNING: mock-idp listens on 0\.0\.0\.0/);
  t.ok(warnings[0]!.split('\n').length > 2, 'several lines');
  t.same(await warningsOf(t, '0.0.0.0', 'tok'), [], 'no warning with an admin token');
  t.same(await warningsOf(t, '127.0.0.1'), [], 'no warning on loopback');
});
