/**
 * The package as users import it: `mock-idp` and `mock-idp/verifier` through
 * package.json "exports" (the built dist/, which `npm install` makes).
 */
import { existsSync } from 'node:fs';
import t from 'tap';

const built = existsSync(new URL('../dist/index.js', import.meta.url)) && existsSync(new URL('../dist/verifier/index.js', import.meta.url));

t.test('mock-idp and mock-idp/verifier resolve by package name', { skip: built ? false : 'dist/ is not built: run `npm run build`' }, async (t) => {
  const main = await import('mock-idp');
  t.type(main.startMockIdp, 'function');
  t.type(main.scenarios, Array);
  const verifier = await import('mock-idp/verifier');
  t.type(verifier.createVerifier, 'function');
  t.type(verifier.JwksCache, 'function');
  t.type(verifier.VerificationError, 'function');

  const idp = await main.startMockIdp({ config: { keys: { seedFile: new URL('../fixtures/keys/local-pools.test-only.json', import.meta.url).pathname }, appServices: { store: 'memory' } } });
  t.teardown(() => idp.close());
  const { token } = await idp.mint({ user: 'alice', tokenUse: 'access' });
  const v = verifier.createVerifier({ issuer: idp.issuer(), clientId: '1vngm1viu6qqksk0qckq8aag7p', tokenUse: 'access' });
  t.equal((await v.verify(token)).username, 'alice');
});

t.test('the verifier does not import the server', async (t) => {
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = new URL('../src/verifier/', import.meta.url);
  for (const file of await readdir(dir)) {
    const source = await readFile(new URL(file, dir), 'utf8');
    t.notMatch(source, /from '\.\.\//, `${file} imports only from src/verifier/ and packages`);
  }
});
