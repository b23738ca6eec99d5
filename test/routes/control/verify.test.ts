/**
 * POST /_mock/verify: the project's verifier, run by the server on its own
 * clock against its own JWKS over HTTP, with a row per check. For every
 * scenario the verdict is the table's, and the one failed row is the check
 * that names the code.
 */
import t, { type Test } from 'tap';
import { scenarios, type Scenario } from '../../../src/tokens/scenarios.js';
import { checkDefinitions } from '../../../src/verify-report/checks.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { call, startTestIdp, type TestIdp } from '../../helpers/idp.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

/** The row each rejecting scenario must fail. */
const failingRow: Record<string, string | null> = {
  valid: null,
  expired: 'exp',
  'not-yet-valid': 'nbf',
  'issued-in-future': 'iat',
  'wrong-audience': 'audience',
  'wrong-issuer': 'issuer',
  'wrong-token-use': 'token_use',
  'unknown-kid': 'kid',
  'missing-kid': 'kid',
  'signed-by-retiring-key': null,
  'signed-by-retired-key': 'kid',
  'bad-signature': 'signature',
  'alg-none': 'algorithm',
  'hs256-with-public-key': 'algorithm',
  'missing-sub': 'claims',
  'missing-exp': 'claims',
  malformed: 'payload',
};

interface Row {
  id: string;
  status: string;
  detail: string;
  code?: string;
  message?: string;
}

/** Mints the scenario, first rotating or retiring a key when the server asks for it (409 SCENARIO_PRECONDITION). */
async function mint(idp: TestIdp, scenario: Scenario, tokenUse: 'id' | 'access'): Promise<string> {
  let res = await call(idp, 'POST', '/_mock/tokens', { scenario: scenario.name, tokenUse });
  if (res.status === 409) {
    const use = scenario.mintAs?.(tokenUse) ?? tokenUse;
    if (scenario.signer === 'retiring') await call(idp, 'POST', '/_mock/keys/rotate', { tokenUse: use });
    else {
      const keys = (await call(idp, 'GET', '/_mock/keys')).body.keys as Array<{ kid: string; use: string; state: string; pool: string }>;
      const active = keys.find((k) => k.pool === 'us-east-1_LocalPool' && k.use === use && k.state === 'active')!;
      await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(active.kid)}/retire`);
    }
    res = await call(idp, 'POST', '/_mock/tokens', { scenario: scenario.name, tokenUse });
  }
  if (res.status !== 200) throw new Error(`minting ${scenario.name}: ${res.status} ${res.body?.code}`);
  return res.body.token as string;
}

/** One failed row at most, passed before it, skipped after it; all passed when accepted. */
function assertRowsFollowVerdict(t: Test, body: { verdict: { accept: boolean; code?: string; message?: string }; checks: Row[] }, what: string) {
  t.same(
    body.checks.map((c) => c.id),
    checkDefinitions.map((c) => c.id),
    `${what}: every check, in the verifier's order`,
  );
  const failedAt = body.checks.findIndex((c) => c.status === 'failed');
  if (body.verdict.accept) {
    t.ok(
      body.checks.every((c) => c.status === 'passed'),
      `${what}: every check passed`,
    );
    return;
  }
  t.not(failedAt, -1, `${what}: a failed row`);
  const failed = body.checks[failedAt]!;
  t.equal(failed.code, body.verdict.code, `${what}: the failed row carries the verdict's code`);
  t.equal(failed.message, body.verdict.message, `${what}: and the verifier's message`);
  t.ok(checkDefinitions.find((c) => c.id === failed.id)!.codes.includes(body.verdict.code as never), `${what}: the ${failed.id} check produces ${body.verdict.code}`);
  t.ok(
    body.checks.slice(0, failedAt).every((c) => c.status === 'passed'),
    `${what}: the checks before it passed`,
  );
  t.ok(
    body.checks.slice(failedAt + 1).every((c) => c.status === 'skipped'),
    `${what}: the checks after it were not reached`,
  );
  for (const row of body.checks) t.match(row.detail, /\S/, `${what}: ${row.id} has a detail`);
}

t.test("every scenario: the verdict is the table's and the failing row names its code", async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  for (const tokenUse of ['id', 'access'] as const) {
    for (const scenario of scenarios) {
      const token = await mint(idp, scenario, tokenUse);
      const res = await call(idp, 'POST', '/_mock/verify', { token, tokenUse });
      const what = `${scenario.name}, ${tokenUse} token`;
      t.equal(res.status, 200, what);
      t.same(res.body.verdict.accept ? { accept: true } : { accept: false, code: res.body.verdict.code }, scenario.expected, `${what}: the verdict the scenario table expects`);
      assertRowsFollowVerdict(t, res.body, what);
      t.equal(res.body.checks.find((c: Row) => c.status === 'failed')?.id ?? null, failingRow[scenario.name], `${what}: fails at ${failingRow[scenario.name]}`);
    }
  }
  t.same(
    Object.keys(failingRow),
    scenarios.map((s) => s.name),
    'this test knows every scenario',
  );
});

t.test('the report: verifier settings, server time, the JWKS it fetched', async (t) => {
  const idp = await startTestIdp(t);
  const minted = (await call(idp, 'POST', '/_mock/tokens', { client: 'backend', tokenUse: 'access', user: 'bob' })).body;
  const res = await call(idp, 'POST', '/_mock/verify', { token: minted.token, client: 'backend', tokenUse: 'access' });
  t.same(res.body.verdict, { accept: true });
  t.match(res.body.verifier, {
    issuer: idp.issuer(),
    jwksUri: idp.jwksUri(),
    clientId: '74tsdvbgrc3esbuvkbj4ft5dam',
    tokenUse: 'access',
    algorithms: ['RS256'],
    clockToleranceSeconds: 5,
    now: '2030-01-01T00:00:00.000Z',
  });
  t.ok(res.body.jwks.kids.includes(minted.header.kid), 'the signing key is in the JWKS it fetched');
  const rows = Object.fromEntries((res.body.checks as Row[]).map((r) => [r.id, r.detail]));
  t.match(rows.kid, /one of the 2 keys/);
  t.match(rows.exp, /exp 2030-01-01T00:15:00Z \(in 15 min\); server time 2030-01-01T00:00:00Z/);
  t.match(rows.audience, /client_id "74tsdvbgrc3esbuvkbj4ft5dam"; expected "74tsdvbgrc3esbuvkbj4ft5dam"/);

  const other = await call(idp, 'POST', '/_mock/verify', { token: minted.token, pool: 'eu-west-1_TeamsPool', tokenUse: 'access' });
  t.match(other.body.verdict, { accept: false, code: 'UNKNOWN_KID' }, 'another pool publishes other keys');
});

t.test("the verifier runs on the server's clock: shift it and a valid token expires", async (t) => {
  const idp = await startTestIdp(t);
  const { token } = (await call(idp, 'POST', '/_mock/tokens', {})).body;
  t.same((await call(idp, 'POST', '/_mock/verify', { token })).body.verdict, { accept: true });
  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 3606 }); // past exp and the 5 s tolerance
  const res = await call(idp, 'POST', '/_mock/verify', { token });
  t.match(res.body.verdict, { accept: false, code: 'EXPIRED' });
  t.match(
    res.body.checks.find((c: Row) => c.id === 'exp'),
    { status: 'failed', detail: /6 s ago/ },
  );
});

t.test('a rotation keeps the token valid until its key is retired', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const minted = (await call(idp, 'POST', '/_mock/tokens', {})).body;
  await call(idp, 'POST', '/_mock/keys/rotate', {});
  t.same((await call(idp, 'POST', '/_mock/verify', { token: minted.token })).body.verdict, { accept: true }, 'retiring: still published');
  await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(minted.header.kid)}/retire`);
  const res = await call(idp, 'POST', '/_mock/verify', { token: minted.token });
  t.match(res.body.verdict, { accept: false, code: 'UNKNOWN_KID' });
  t.match(
    res.body.checks.find((c: Row) => c.id === 'kid'),
    { status: 'failed', detail: /not among the \d+ keys/ },
  );
});

t.test('a JWKS that fails is JWKS_UNAVAILABLE at the kid row', async (t) => {
  const idp = await startTestIdp(t);
  const { token } = (await call(idp, 'POST', '/_mock/tokens', {})).body;
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  const res = await call(idp, 'POST', '/_mock/verify', { token });
  t.match(res.body.verdict, { accept: false, code: 'JWKS_UNAVAILABLE' });
  t.match(
    res.body.checks.find((c: Row) => c.id === 'kid'),
    { status: 'failed', detail: /could not be read/ },
  );
});

t.test('tokens that are not JWTs are MALFORMED at the format row, with a 200', async (t) => {
  const idp = await startTestIdp(t);
  for (const token of ['', 'abc', 'a.b', 'a.b.c', '....', 'x'.repeat(2000)]) {
    const res = await call(idp, 'POST', '/_mock/verify', { token });
    t.equal(res.status, 200, JSON.stringify(token.slice(0, 20)));
    t.match(res.body.verdict, { accept: false, code: 'MALFORMED' });
    assertRowsFollowVerdict(t, res.body, JSON.stringify(token.slice(0, 20)));
  }
  const noKid = await call(idp, 'POST', '/_mock/verify', { token: 'eyJhbGciOiJSUzI1NiJ9.e30.' });
  t.equal(noKid.body.checks.find((c: Row) => c.status === 'failed').id, 'kid', 'a good head without a kid gets as far as the key');
});

t.test("bad input → a 4xx in the control API's format", async (t) => {
  const idp = await startTestIdp(t);
  const cases: Array<[string, unknown, number, string]> = [
    ['no body', undefined, 400, 'BAD_REQUEST'],
    ['no token', { pool: 'us-east-1_LocalPool' }, 400, 'BAD_REQUEST'],
    ['token a number', { token: 5 }, 400, 'BAD_REQUEST'],
    ['token null', { token: null }, 400, 'BAD_REQUEST'],
    ['tokenUse refresh', { token: 'x', tokenUse: 'refresh' }, 400, 'BAD_REQUEST'],
    ['unknown field', { token: 'x', scenario: 'valid' }, 400, 'BAD_REQUEST'],
    ['unknown pool', { token: 'x', pool: 'us-east-1_Nope' }, 404, 'UNKNOWN_POOL'],
    ['unknown client', { token: 'x', client: 'mobile' }, 404, 'UNKNOWN_CLIENT'],
    ['body an array', ['x'], 400, 'BAD_REQUEST'],
  ];
  for (const [name, body, status, code] of cases) assertErrorBody(t, await call(idp, 'POST', '/_mock/verify', body), status, code, name);
});
