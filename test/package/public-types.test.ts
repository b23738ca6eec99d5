/**
 * A TypeScript consumer of the public API (`mock-idp`, `mock-idp/verifier`)
 * compiles against the built .d.ts with no `@types/node` and none of the
 * server's dependencies installed but jose: no Fastify, node:*, Buffer or
 * NodeJS.* type is reachable from those entry points. The web globals (fetch,
 * URL, AbortSignal) come from the DOM lib, as they must for jose's own types.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import ts from 'typescript';
import { declarations, repoDir } from './declarations.js';

/** Uses every public export; the `@ts-expect-error` lines show the internals are out of reach. */
const consumer = `
import {
  startMockIdp, ManualClock, scenarios, findScenario, errorCodes, MockIdpError,
  type StartMockIdpOptions, type MockIdp, type LoggerOption, type MintRequest, type MintedToken, type SignInResult,
  type KeyInfo, type KeyState, type RotateOptions, type Clock, type ClockChange, type ClockState, type ServerClock,
  type ConfigOverrides, type MockIdpConfig, type TokenUse, type ErrorBody, type ErrorCode, type Scenario,
  type Verdict, type VerificationErrorCode,
} from 'mock-idp';
import {
  createVerifier, JwksCache, VerificationError, verificationErrorCodes,
  type Verifier, type VerifierOptions, type VerifiedClaims, type JwksCacheOptions, type JwksCacheCounters,
} from 'mock-idp/verifier';
// @ts-expect-error buildApp is internal (mock-idp/internal)
import { buildApp } from 'mock-idp';
// @ts-expect-error createServices is internal (mock-idp/internal)
import { createServices } from 'mock-idp';

const lines: string[] = [];
const logger: LoggerOption = { level: 'debug', stream: { write: (line) => { lines.push(line); } } };
const config: ConfigOverrides = { issuerStyle: 'cognito', keys: { rotateEverySeconds: 60 } };
const clock: Clock = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
const options: StartMockIdpOptions = { config, clock, logger, port: 0, host: '127.0.0.1', adminToken: 'secret' };
const idp: MockIdp = await startMockIdp(options);
const url: string = idp.url;
const serverClock: ServerClock = idp.clock;
const change: ClockChange = { advanceSeconds: 3600 };
const state: ClockState = serverClock.apply(change);
const request: MintRequest = { user: 'alice', tokenUse: 'access', scenario: 'expired', claims: { extra: 1 } };
const minted: MintedToken = await idp.mint(request);
const verdict: Verdict = minted.expected;
const tokens: SignInResult = await idp.signIn({ user: 'bob' });
const rotation: RotateOptions = { tokenUse: 'access', prePublishSeconds: 0 };
const rotated: KeyInfo[] = await idp.rotate(rotation);
const keyState: KeyState = (await idp.retire(rotated[0]!.kid)).state;
const use: TokenUse = idp.keys()[0]!.use;
const scenario: Scenario | undefined = findScenario(scenarios[0]!.name);
const code: ErrorCode = 'UNKNOWN_USER';
const status: number = errorCodes[code].status;
const body: ErrorBody = { statusCode: status, code, error: 'Not Found', message: 'no such user' };
const full: Partial<MockIdpConfig> = { logLevel: 'info' };
// @ts-expect-error the Fastify instance is internal
idp.app;
// @ts-expect-error the services are internal
idp.services;

const cacheOptions: JwksCacheOptions = { cooldownSeconds: 30, fetch: (input, init) => fetch(input, init) };
const cache = new JwksCache(idp.jwksUri(), cacheOptions);
const counters: JwksCacheCounters = cache.counters;
const verifierOptions: VerifierOptions = { issuer: idp.issuer(), clientId: '1vngm1viu6qqksk0qckq8aag7p', tokenUse: 'access', cache };
const verifier: Verifier = createVerifier(verifierOptions);
try {
  const claims: VerifiedClaims = await verifier.verify(tokens.accessToken);
  const sub: string = claims.sub;
  void sub;
} catch (error) {
  if (error instanceof VerificationError) {
    const rejected: VerificationErrorCode = error.code;
    void (rejected in verificationErrorCodes && !verdict.accept && verdict.code === rejected);
  }
  if (error instanceof MockIdpError) void error.code;
}
await idp.close();
void [url, state, keyState, use, scenario, body, full, counters, buildApp, createServices, lines];
`;

t.test('a consumer without @types/node type-checks against the public entry points', { timeout: 300_000 }, async (t) => {
  const built = await declarations();
  t.teardown(built.cleanup);
  t.comment(built.built ? 'dist/ is older than src/: declarations built into a temporary folder' : 'declarations read from dist/');

  // Outside the repository, so nothing resolves into its node_modules (where Fastify and @types/node are).
  const dir = await mkdtemp(join(tmpdir(), 'mock-idp-consumer-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const pkg = JSON.parse(await readFile(join(repoDir, 'package.json'), 'utf8'));
  const installed = join(dir, 'node_modules', 'mock-idp');
  await mkdir(installed, { recursive: true });
  await writeFile(join(installed, 'package.json'), JSON.stringify({ name: pkg.name, type: pkg.type, exports: pkg.exports }));
  await cp(built.dir, join(installed, 'dist'), { recursive: true, filter: (source) => !/\.(js|map)$/.test(source) });
  // jose is a dependency and its types are part of the verifier's (CryptoKey, JWK).
  await symlink(join(repoDir, 'node_modules', 'jose'), join(dir, 'node_modules', 'jose'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  const file = join(dir, 'consumer.ts');
  await writeFile(file, consumer);

  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    typeRoots: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    preserveSymlinks: true,
    noEmit: true,
  });
  // Every file is parsed and every declaration file checked (skipLibCheck: false), TypeScript's own lib.*.d.ts
  // excepted: they never hold an error, and checking lib.dom.d.ts was most of this test's CPU.
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSourceFiles().flatMap((f) => [...program.getSyntacticDiagnostics(f), ...(isTypeScriptLib(f.fileName) ? [] : program.getSemanticDiagnostics(f))]),
  ];
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
  t.equal(ts.formatDiagnostics(diagnostics, host), '', 'no type errors');

  const reached = program
    .getSourceFiles()
    .map((f) => f.fileName)
    .filter((f) => !isTypeScriptLib(f));
  t.ok(reached.some((f) => f.endsWith('mock-idp/dist/index.d.ts')) && reached.some((f) => f.endsWith('mock-idp/dist/verifier/index.d.ts')), 'both entry points were read');
  t.same(
    reached.filter((f) => /\/(@types\/node|fastify|node_modules\/(?!jose\/|mock-idp\/))/.test(f)),
    [],
    'no declarations of @types/node or another package are reached',
  );
});

/** One of TypeScript's own lib.*.d.ts (lib.dom.d.ts, lib.es2022.d.ts, …). */
function isTypeScriptLib(fileName: string): boolean {
  return fileName.includes('/typescript/lib/');
}
