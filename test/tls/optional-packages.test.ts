/**
 * `--tls` without its optional packages (`npm install --omit=optional`): the
 * error says what to install. The packages are hidden from this process by a
 * module resolve hook that resolves them from an empty folder, so the error is
 * Node's own "Cannot find package", as on an install that lacks them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { ensureTlsMaterial, tlsPackages } from '../../src/tls/certificates.js';
import { runCliInProcess } from '../helpers/cli.js';

// Outside the repository: no node_modules above it holds the packages.
const empty = mkdtempSync(join(tmpdir(), 'mock-idp-no-packages-'));
t.teardown(() => rmSync(empty, { recursive: true, force: true }));
const hook = `
const hidden = new Set(${JSON.stringify(tlsPackages)});
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, hidden.has(specifier) ? { ...context, parentURL: ${JSON.stringify(pathToFileURL(join(empty, 'index.js')).href)} } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

t.test('making certificates without @peculiar/x509 and reflect-metadata: an error that says what to install', async (t) => {
  const error = await ensureTlsMaterial(t.testdir(), ['localhost']).catch((e: unknown) => e);
  t.match(error, { name: 'MockIdpError', code: 'OPTIONAL_PACKAGE_MISSING', details: { missing: ['reflect-metadata'] } });
  t.match((error as Error).message, /npm install @peculiar\/x509 reflect-metadata/);
});

t.test('serve --tls without them: exit 1, the same advice, no stack trace', async (t) => {
  const { code, stderr } = await runCliInProcess(['serve', '--tls', '--tls-dir', t.testdir(), '--port', '0']);
  t.equal(code, 1);
  t.match(stderr, /^mock-idp serve: TLS needs the optional packages @peculiar\/x509 and reflect-metadata .*npm install @peculiar\/x509 reflect-metadata.* \[OPTIONAL_PACKAGE_MISSING\]$/m);
  t.notMatch(stderr, /\n\s+at /, 'no stack trace');
});
