/**
 * The package as users import it: `mock-idp` and `mock-idp/verifier` (the
 * public API) and `mock-idp/internal` (unstable) through package.json
 * "exports" (the built dist/, which `npm install` makes).
 */
import t from 'tap';
import { assertFreshBuild } from './helpers/fresh-build.js';

/** The public entry's values, all of them: adding one is a decision about the public API, so it is made here too. */
const publicValues = ['ManualClock', 'MockIdpError', 'errorCodes', 'findScenario', 'scenarios', 'startMockIdp'];
/** The server's parts, kept out of `mock-idp` and reachable through `mock-idp/internal`. */
const internalValues = ['FaultInjector', 'ServerClock', 'buildApp', 'createServices', 'describeScenario', 'faultBodies', 'faultTargets', 'loadConfig', 'startMockIdp', 'systemClock'];

t.test('mock-idp exports the public API and mock-idp/internal the internals', async (t) => {
  t.same(Object.keys(await import('../src/index.js')).sort(), publicValues);
  t.same(Object.keys(await import('../src/internal.js')).sort(), internalValues);
});

// By package name through a specifier the typecheck does not resolve (dist/ may not be built when it runs).
const load = (specifier: string): Promise<Record<string, any>> => import(specifier);

t.test('mock-idp and mock-idp/verifier resolve by package name', async (t) => {
  assertFreshBuild('library'); // never yesterday's dist/: fails with "run `npm run build`"
  const main = await load('mock-idp');
  t.same(Object.keys(main).sort(), publicValues);
  t.type(main.scenarios, Array);
  t.same(Object.keys(await load('mock-idp/internal')).sort(), internalValues);
  const verifier = await load('mock-idp/verifier');
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
