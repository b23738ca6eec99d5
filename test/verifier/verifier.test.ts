/**
 * createVerifier against a live mock-idp: every scenario of the table, minted
 * over HTTP as an ID and as an access token, reaches exactly the scenario's
 * verdict, for the local issuer and for Cognito's real issuer string. The
 * verifier's clock is the server's (`now: () => idp.clock.now()`), so moving
 * the server's clock moves both. Caching across a key's retirement is shown
 * at the end (and across a rotation in verifier-rotation.test.ts).
 */
import t, { type Test } from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { scenarios, type Scenario } from '../../src/tokens/scenarios.js';
import { createVerifier, type VerifierOptions } from '../../src/verifier/index.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { rejectsWith } from '../helpers/verifier.js';

interface Target {
  pool: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
}

/** The default pool as `GET /_mock/pools` describes it. */
async function target(t: Test, idp: TestIdp, poolId?: string): Promise<Target> {
  const res = await call(idp, 'GET', '/_mock/pools');
  t.equal(res.status, 200);
  const pool = (res.body.pools as Array<{ id: string; issuer: string; jwksUri: string; clients: Array<{ id: string }> }>).find((p) => p.id === (poolId ?? res.body.defaultPool))!;
  return { pool: pool.id, clientId: pool.clients[0]!.id, issuer: pool.issuer, jwksUri: pool.jwksUri };
}

async function mint(idp: TestIdp, target: Target, body: { tokenUse: TokenUse; scenario?: string }) {
  return call(idp, 'POST', '/_mock/tokens', { pool: target.pool, client: target.clientId, ...body });
}

/** Puts the key ring in the state the server's 409 SCENARIO_PRECONDITION asks for: rotate (retiring key) or retire the active key (retired key). */
async function prepareKeyRing(t: Test, idp: TestIdp, target: Target, scenario: Scenario, use: TokenUse) {
  if (scenario.signer === 'retiring') {
    t.equal((await call(idp, 'POST', '/_mock/keys/rotate', { pool: target.pool, tokenUse: use })).status, 200, 'rotated');
  } else if (scenario.signer === 'retired') {
    const keys = await call(idp, 'GET', `/_mock/keys?pool=${encodeURIComponent(target.pool)}`);
    const active = (keys.body.keys as Array<{ kid: string; use: string; state: string }>).find((k) => k.use === use && k.state === 'active')!;
    t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(active.kid)}/retire`)).status, 200, 'retired the active key');
  } else {
    t.fail(`no way to meet the precondition of ${scenario.name} (signer ${scenario.signer})`);
  }
}

async function mintScenario(t: Test, idp: TestIdp, target: Target, scenario: Scenario, tokenUse: TokenUse): Promise<string> {
  let res = await mint(idp, target, { scenario: scenario.name, tokenUse });
  if (res.status === 409 && res.body?.code === 'SCENARIO_PRECONDITION') {
    await prepareKeyRing(t, idp, target, scenario, scenario.mintAs?.(tokenUse) ?? tokenUse);
    res = await mint(idp, target, { scenario: scenario.name, tokenUse });
  }
  t.equal(res.status, 200, `minted ${scenario.name} as ${tokenUse}`);
  t.same(res.body.expected, scenario.expected, "the server reports the table's verdict");
  if (scenario.signer === 'retiring' || scenario.signer === 'retired') t.equal(res.body.signedWith?.state, scenario.signer);
  return res.body.token as string;
}

const styles = [
  { issuerStyle: 'local', jwksUri: (_: Target) => undefined },
  { issuerStyle: 'cognito', jwksUri: (target: Target) => target.jwksUri },
] as const;

for (const style of styles) {
  t.test(`every scenario, ID and access tokens, ${style.issuerStyle} issuer: exactly the table's verdict`, async (t) => {
    const idp = await startTestIdp(t, { config: { issuerStyle: style.issuerStyle }, keyFactory: await fastKeyFactory() });
    const pool = await target(t, idp);
    if (style.issuerStyle === 'cognito') t.equal(pool.issuer, 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool', "Cognito's real issuer");
    const verifierFor = (tokenUse: TokenUse) => createVerifier({ issuer: pool.issuer, clientId: pool.clientId, tokenUse, jwksUri: style.jwksUri(pool), now: () => idp.clock.now() });
    t.equal(verifierFor('id').jwksUri, pool.jwksUri, "the verifier fetches the pool's JWKS (derived from a local issuer, given for a Cognito one)");

    for (const scenario of scenarios) {
      for (const tokenUse of ['id', 'access'] as const) {
        const token = await mintScenario(t, idp, pool, scenario, tokenUse);
        // A fresh verifier (empty cache) per token: a verdict must not depend on what an earlier scenario left cached.
        const verifier = verifierFor(tokenUse);
        const what = `${scenario.name}, ${tokenUse} token`;
        if (scenario.expected.accept) {
          try {
            t.equal((await verifier.verify(token)).token_use, tokenUse, `${what}: accepted`);
          } catch (error) {
            t.fail(`${what}: rejected ${(error as { code?: string }).code}`);
          }
        } else {
          await rejectsWith(t, verifier.verify(token), scenario.expected.code, what);
        }
      }
    }
  });
}

t.test('Cognito issuer string, local JWKS: a verifier pinned to the local issuer rejects it, and vice versa', async (t) => {
  const cognito = await startTestIdp(t, { config: { issuerStyle: 'cognito' } });
  const local = await startTestIdp(t);
  const cognitoPool = await target(t, cognito);
  const localPool = await target(t, local);
  const token = (await mint(cognito, cognitoPool, { tokenUse: 'access' })).body.token as string;
  const options = { clientId: cognitoPool.clientId, tokenUse: 'access', jwksUri: cognitoPool.jwksUri, now: () => cognito.clock.now() } as const;
  await t.resolves(createVerifier({ ...options, issuer: cognitoPool.issuer }).verify(token), 'Cognito issuer: accepted');
  await rejectsWith(t, createVerifier({ ...options, issuer: localPool.issuer }).verify(token), 'WRONG_ISSUER', 'pinned to a local issuer');
  const localToken = (await mint(local, localPool, { tokenUse: 'access' })).body.token as string;
  await rejectsWith(
    t,
    createVerifier({ ...options, issuer: cognitoPool.issuer, jwksUri: localPool.jwksUri }).verify(localToken),
    'WRONG_ISSUER',
    'a local-issuer token against the Cognito issuer (same test keys, so the signature is fine)',
  );
});

t.test('issuer: null with an explicit jwksUri: any iss is accepted, every other check still applies', async (t) => {
  const idp = await startTestIdp(t);
  const pool = await target(t, idp);
  const verifier = createVerifier({ issuer: null, jwksUri: pool.jwksUri, clientId: pool.clientId, tokenUse: 'access', now: () => idp.clock.now() });
  const minted = async (scenario: string) => (await mint(idp, pool, { tokenUse: 'access', scenario })).body.token as string;
  await t.resolves(verifier.verify(await minted('valid')), 'valid');
  await t.resolves(verifier.verify(await minted('wrong-issuer')), 'wrong-issuer is accepted: the check was waived on purpose');
  await rejectsWith(t, verifier.verify(await minted('expired')), 'EXPIRED', 'expired');
  await rejectsWith(t, verifier.verify(await minted('wrong-audience')), 'WRONG_AUDIENCE', 'wrong-audience');
  const other = await target(t, idp, 'eu-west-1_TeamsPool');
  const otherToken = (await mint(idp, other, { tokenUse: 'access' })).body.token as string;
  await rejectsWith(t, verifier.verify(otherToken), 'UNKNOWN_KID', 'a token of another pool: its key is not in this JWKS');
});

t.test('a cached verifier keeps a retired key until its JWKS copy goes stale, then rejects UNKNOWN_KID', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const pool = await target(t, idp);
  const options: VerifierOptions = { issuer: pool.issuer, clientId: pool.clientId, tokenUse: 'access', now: () => idp.clock.now() };
  const verifier = createVerifier(options);
  const jwks = await call(idp, 'GET', `/${pool.pool}/.well-known/jwks.json`);
  t.equal(jwks.headers.get('cache-control'), 'public, max-age=300', 'the server lets the JWKS be cached for 300 s');

  const minted = await mint(idp, pool, { tokenUse: 'access' });
  const token = minted.body.token as string;
  const kid = minted.body.signedWith.kid as string;
  await t.resolves(verifier.verify(token), 'verified; the JWKS is now cached');
  t.equal(verifier.cache.counters.fetches, 1);

  t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(kid)}/retire`)).status, 200, 'the key is retired');
  const published = (await call(idp, 'GET', `/${pool.pool}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);
  t.notOk(published.includes(kid), 'and gone from the JWKS');
  const retired = (await mint(idp, pool, { tokenUse: 'access', scenario: 'signed-by-retired-key' })).body.token as string;

  await t.resolves(verifier.verify(token), 'the cached verifier still accepts the token: its copy of the JWKS is fresh');
  await t.resolves(verifier.verify(retired), 'even one signed after the retirement');
  await rejectsWith(t, createVerifier(options).verify(token), 'UNKNOWN_KID', 'a fresh verifier rejects it at once');
  idp.baseClock.advanceBy(299_999);
  await t.resolves(verifier.verify(token), '1 ms before max-age: still from the cache');
  t.equal(verifier.cache.counters.fetches, 1, 'without a request');

  idp.baseClock.advanceBy(1);
  await rejectsWith(t, verifier.verify(token), 'UNKNOWN_KID', 'at max-age the copy is revalidated, and the key is gone');
  await rejectsWith(t, verifier.verify(retired), 'UNKNOWN_KID', 'for every token it signed');
  t.equal(verifier.cache.counters.fetches, 2, 'one request: the revalidation (no second fetch for the kid)');
});
