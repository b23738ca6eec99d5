/**
 * The verifier matrix: every scenario of the table, minted over HTTP by a live
 * mock-idp, handed to every verifier adapter of test/compat/verifiers.ts (a
 * fresh verifier per token), and rendered as one markdown table.
 *
 * `npm run matrix` (run-matrix.ts) prints it and records it in page/matrix.json;
 * matrix.test.ts asserts on it; docs/reference/verifier-matrix.md shows it
 * (rendered from page/matrix.json by `npm run docs`). They all read this
 * module, so they cannot drift. Nothing here depends on tap.
 */
import { readFileSync } from 'node:fs';
import type { TokenUse } from '../../src/config/types.js';
import type { MockIdp } from '../../src/index.js';
import { startMockIdp } from '../../src/internal.js';
import { scenarios, type Scenario } from '../../src/tokens/scenarios.js';
import type { Verdict } from '../../src/verifier/errors.js';
import { appServicesLoginName, appServicesLoginVerifier } from '../compat/app-services-login.js';
import { differences } from '../compat/matrix.js';
import {
  awsCognitoVerifier,
  awsJwtVerifier,
  fastJwtVerifier,
  joseVerifier,
  jsonwebtokenVerifier,
  mockIdpVerifier,
  type CompatVerifier,
  type LibraryName,
  type LibraryVerdict,
  type VerifyOptions,
} from '../compat/verifiers.js';
import { call, testKeysFile } from '../helpers/idp.js';
import { reserveKeyFactory } from '../helpers/key-factory.js';

/**
 * Two servers, as the compat suite uses: a local issuer
 * (`http://127.0.0.1:port/pool`) for every verifier but CognitoJwtVerifier, and
 * Cognito's real issuer form for CognitoJwtVerifier, which accepts nothing else.
 * Both sign with the committed test-only keys, and take the committed reserve keys where they would generate one
 * (the retiring and retired signers rotate keys): no RSA key generation at all.
 */
export interface MatrixServers {
  local: MockIdp;
  cognito: MockIdp;
  close(): Promise<void>;
}

export type ServerName = 'local' | 'cognito';

export async function startMatrixServers(): Promise<MatrixServers> {
  const keys = { seedFile: testKeysFile };
  const local = await startMockIdp({ keyFactory: reserveKeyFactory(), config: { keys, appServices: { store: 'memory' } } });
  let cognito: MockIdp;
  try {
    cognito = await startMockIdp({ keyFactory: reserveKeyFactory(), config: { issuerStyle: 'cognito', keys, appServices: { store: 'memory' } } });
  } catch (error) {
    await local.close();
    throw error;
  }
  return { local, cognito, close: async () => void (await Promise.all([local.close(), cognito.close()])) };
}

/** A column of the matrix: one adapter, the server whose tokens it verifies, and its header. */
export interface MatrixColumn {
  library: LibraryName;
  /** The table header: the library and its major version as installed. */
  header: string;
  server: ServerName;
  /** The token uses the column is run for; default both. */
  tokenUses?: readonly TokenUse[];
  /** A new adapter (empty JWKS cache). */
  create(servers: MatrixServers): CompatVerifier;
}

function major(pkg: string): string {
  const file = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url);
  return `${pkg} ${(JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version.split('.')[0]}`;
}

export const matrixColumns: readonly MatrixColumn[] = [
  { library: 'jose', header: major('jose'), server: 'local', create: () => joseVerifier() },
  {
    library: 'jsonwebtoken+jwks-rsa',
    header: `${major('jsonwebtoken')} + ${major('jwks-rsa')}`,
    server: 'local',
    create: () => jsonwebtokenVerifier(),
  },
  {
    library: 'aws-jwt-verify/CognitoJwtVerifier',
    header: `${major('aws-jwt-verify')} CognitoJwtVerifier`,
    server: 'cognito',
    create: (servers) => awsCognitoVerifier({ mockUrl: servers.cognito.url }),
  },
  { library: 'aws-jwt-verify/JwtVerifier', header: `${major('aws-jwt-verify')} JwtVerifier`, server: 'local', create: () => awsJwtVerifier() },
  { library: 'fast-jwt+get-jwks', header: `${major('fast-jwt')} + ${major('get-jwks')}`, server: 'local', create: () => fastJwtVerifier() },
  { library: 'mock-idp/verifier', header: 'mock-idp/verifier', server: 'local', create: () => mockIdpVerifier() },
  /*
   * Not a library: the App Services Custom JWT login of the local server's
   * default app (`mock-idp-app-abcde`, audience = the spa client id), over HTTP.
   * Its JWKS cache is the server's, shared by every token (no fresh verifier per
   * token). ID tokens only: App Services requires `aud`, which Cognito access
   * tokens do not have, so every access token would be refused "'…' not found
   * in 'aud' claim" whatever the scenario; the access table leaves the column out.
   */
  {
    library: appServicesLoginName,
    header: appServicesLoginName,
    server: 'local',
    tokenUses: ['id'],
    create: (servers) => appServicesLoginVerifier({ baseUrl: servers.local.url }),
  },
];

/** The columns run for `tokenUse` tokens, in order. */
export function columnsFor(tokenUse: TokenUse, columns: readonly MatrixColumn[] = matrixColumns): MatrixColumn[] {
  return columns.filter((c) => !c.tokenUses || c.tokenUses.includes(tokenUse));
}

/** A pool's issuer, JWKS URI and first client, as `GET /_mock/pools` publishes them (the default pool). */
export interface PoolTarget {
  pool: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
}

async function defaultPoolTarget(idp: MockIdp): Promise<PoolTarget> {
  const res = await call(idp, 'GET', '/_mock/pools');
  if (res.status !== 200) throw new Error(`GET /_mock/pools answered ${res.status}`);
  const pools = res.body.pools as Array<{ id: string; issuer: string; jwksUri: string; clients: Array<{ id: string }> }>;
  const pool = pools.find((p) => p.id === res.body.defaultPool)!;
  return { pool: pool.id, clientId: pool.clients[0]!.id, issuer: pool.issuer, jwksUri: pool.jwksUri };
}

/** What `POST /_mock/tokens` answered for one scenario on one server. */
export interface MatrixMint {
  server: ServerName;
  /** The verdict the server reports for the token. */
  expected: unknown;
  signedWith: { kid: string; state: string } | null;
  /** The key-ring change made first because the server answered 409 SCENARIO_PRECONDITION, if any. */
  prepared: 'rotated' | 'retired' | null;
}

export interface MatrixCell {
  library: LibraryName;
  verdict: LibraryVerdict;
}

export interface MatrixRow {
  scenario: Scenario;
  mints: MatrixMint[];
  /** In the order of {@link Matrix.columns}. */
  cells: MatrixCell[];
}

export interface Matrix {
  tokenUse: TokenUse;
  /** The columns run: those of {@link matrixColumns} for this token use. */
  columns: MatrixColumn[];
  targets: Record<ServerName, PoolTarget>;
  rows: MatrixRow[];
}

/**
 * Puts the key ring in the state the scenario's signer needs, as the server's
 * SCENARIO_PRECONDITION error asks: a rotation leaves the replaced key
 * `retiring`; retiring the active key (which first puts a new one in its
 * place) makes a `retired` one.
 */
async function prepareKeyRing(idp: MockIdp, target: PoolTarget, scenario: Scenario, use: TokenUse): Promise<'rotated' | 'retired'> {
  if (scenario.signer === 'retiring') {
    const res = await call(idp, 'POST', '/_mock/keys/rotate', { pool: target.pool, tokenUse: use });
    if (res.status !== 200) throw new Error(`rotating the ${use} key answered ${res.status} ${res.body?.code}`);
    return 'rotated';
  }
  if (scenario.signer === 'retired') {
    const keys = await call(idp, 'GET', `/_mock/keys?pool=${encodeURIComponent(target.pool)}`);
    const active = (keys.body.keys as Array<{ kid: string; use: string; state: string }>).find((k) => k.use === use && k.state === 'active');
    if (!active) throw new Error(`no active ${use} key to retire`);
    const res = await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(active.kid)}/retire`);
    if (res.status !== 200) throw new Error(`retiring the active ${use} key answered ${res.status} ${res.body?.code}`);
    return 'retired';
  }
  throw new Error(`scenario ${scenario.name} has a precondition the matrix does not know how to meet (signer ${scenario.signer})`);
}

async function mintScenario(idp: MockIdp, server: ServerName, target: PoolTarget, scenario: Scenario, tokenUse: TokenUse): Promise<{ token: string; mint: MatrixMint }> {
  const body = { pool: target.pool, client: target.clientId, scenario: scenario.name, tokenUse };
  let res = await call(idp, 'POST', '/_mock/tokens', body);
  let prepared: MatrixMint['prepared'] = null;
  if (res.status === 409 && res.body?.code === 'SCENARIO_PRECONDITION') {
    prepared = await prepareKeyRing(idp, target, scenario, scenario.mintAs?.(tokenUse) ?? tokenUse);
    res = await call(idp, 'POST', '/_mock/tokens', body);
  }
  if (res.status !== 200) throw new Error(`minting ${scenario.name} as ${tokenUse} token answered ${res.status} ${res.body?.code}`);
  return { token: res.body.token as string, mint: { server, expected: res.body.expected, signedWith: res.body.signedWith ?? null, prepared } };
}

/**
 * Mints every scenario as a `tokenUse` token on each server and runs it through
 * every column's adapter. Each token gets a fresh adapter (empty JWKS cache), so
 * each verdict is the library's own and not an artefact of the order: a cache
 * filled before an earlier scenario's rotation, jose's 30 s refetch cooldown or
 * aws-jwt-verify's 10 s penalty box after an unknown kid would change it
 * (test/compat/rotation.test.ts shows what caching does). The servers' key
 * rings change along the way (the retiring/retired scenarios rotate and retire
 * keys); every other scenario is signed by whatever key is active then.
 */
export async function runMatrix(servers: MatrixServers, tokenUse: TokenUse, allColumns: readonly MatrixColumn[] = matrixColumns): Promise<Matrix> {
  const columns = columnsFor(tokenUse, allColumns);
  const targets: Record<ServerName, PoolTarget> = {
    local: await defaultPoolTarget(servers.local),
    cognito: await defaultPoolTarget(servers.cognito),
  };
  const rows: MatrixRow[] = [];
  for (const scenario of scenarios) {
    const mints: MatrixMint[] = [];
    const tokens = new Map<ServerName, string>();
    for (const server of ['local', 'cognito'] as const) {
      if (!columns.some((c) => c.server === server)) continue;
      const { token, mint } = await mintScenario(servers[server], server, targets[server], scenario, tokenUse);
      mints.push(mint);
      tokens.set(server, token);
    }
    const cells: MatrixCell[] = [];
    for (const column of columns) {
      const target = targets[column.server];
      const options: VerifyOptions = { issuer: target.issuer, clientId: target.clientId, tokenUse, jwksUri: target.jwksUri };
      cells.push({ library: column.library, verdict: await column.create(servers).verify(tokens.get(column.server)!, options) });
    }
    rows.push({ scenario, mints, cells });
  }
  return { tokenUse, columns, targets, rows };
}

/** `accepts` or ``rejects `CODE` ``, as in the scenario table (docs/reference/scenarios.md). */
export function expectedText(expected: Verdict): string {
  return expected.accept ? 'accepts' : `rejects \`${expected.code}\``;
}

/**
 * A cell: `✅ accepted`, or `❌` and the library's error code (or class name),
 * with a wrapped error's code in parentheses, or `recipe: <claim>` when the
 * recipe's Cognito check rejected what the library accepted. `⚠️` first when
 * the verdict is not the scenario's. Nothing run-specific (kids, times, ports).
 */
export function cellText(verdict: LibraryVerdict, expected: Verdict): string {
  const text = verdict.accept ? '✅ accepted' : verdict.by === 'recipe' ? `❌ recipe: ${verdict.code}` : `❌ ${verdict.code}${verdict.cause ? ` (${verdict.cause})` : ''}`;
  return verdict.accept === expected.accept ? text : `⚠️ ${text}`;
}

/** The matrix as one markdown table: a row per scenario, a column per verifier. */
export function renderTable(matrix: Matrix, columns: readonly MatrixColumn[] = matrix.columns): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['scenario', 'expected', ...columns.map((c) => c.header)]),
    line(['---', '---', ...columns.map(() => '---')]),
    ...matrix.rows.map((row) => line([`\`${row.scenario.name}\``, expectedText(row.scenario.expected), ...row.cells.map((c) => cellText(c.verdict, row.scenario.expected))])),
  ].join('\n');
}

/** What the table's marks mean, and how it was made. */
export function renderLegend(matrix: Matrix): string {
  const kind = matrix.tokenUse === 'id' ? 'ID' : 'Access';
  const other = matrix.tokenUse === 'id' ? '`npm run matrix -- --access` for access tokens' : '`npm run matrix` for ID tokens';
  return [
    `${kind} tokens, a fresh verifier per token, each library used as its docs and AWS's recipe say (test/compat/verifiers.ts); ${other}.`,
    "- ✅ accepted · ❌ rejected, with the error the library threw: its `code`, or its class name when it has none (a wrapped error's code in parentheses)",
    '- ❌ recipe: `token_use` / `client_id`: the library accepted, and the Cognito check the recipe adds after it rejected',
    "- ⚠️ not the scenario's expected verdict: a difference recorded, with its reason and source file, in test/compat/matrix.ts",
    ...(matrix.columns.some((c) => c.library === appServicesLoginName)
      ? [
          `- ${appServicesLoginName}: not a library but the App Services Custom JWT login of the default app (test/compat/app-services-login.ts), with the \`error_code\` it answered; ID tokens only (App Services requires \`aud\`, which access tokens lack)`,
        ]
      : []),
  ].join('\n');
}

/** Where the teaching page's Matrix panel reads the matrix (served as `/page/matrix.json`). */
export const matrixJsonFile = new URL('../../page/matrix.json', import.meta.url);

/**
 * The matrices as the teaching page shows them: per token use, the columns,
 * a row per scenario with each cell's text (as in docs/reference/verifier-matrix.md) and,
 * for a ⚠️ cell, the reason and source recorded in test/compat/matrix.ts and
 * the library's option that would fix it; and the legend. Nothing run-specific, so the file changes only when a verdict does.
 */
export function renderMatrixJson(matrices: readonly Matrix[]): string {
  const data = {
    about: 'Written by `npm run matrix -- --write-json` (test/matrix/matrix.ts); test/matrix/matrix.test.ts fails when it differs from a fresh run.',
    tables: matrices.map((matrix) => ({
      tokenUse: matrix.tokenUse,
      columns: matrix.columns.map((c) => ({ library: c.library, header: c.header })),
      rows: matrix.rows.map((row) => ({
        scenario: row.scenario.name,
        expected: row.scenario.expected,
        cells: row.cells.map((cell) => {
          const asExpected = cell.verdict.accept === row.scenario.expected.accept;
          const difference = differences[cell.library][row.scenario.name];
          return {
            text: cellText(cell.verdict, row.scenario.expected),
            asExpected,
            note: !asExpected && difference ? `${difference.why} (${difference.source})` : null,
            fix: !asExpected && difference ? difference.fix : null,
          };
        }),
      })),
      legend: renderLegend(matrix)
        .split('\n')
        .map((line) => line.replace(/^- /, '')),
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
