/**
 * Every scenario of the table, as an ID and as an access token, minted over
 * HTTP and handed to real verifier libraries: each must reach the scenario's
 * verdict, or the difference documented for it in matrix.ts.
 *
 * The third-party verifiers read the real time, so the servers' clocks start
 * at the real now. Nothing here sleeps.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { scenarios, type Scenario } from '../../src/tokens/scenarios.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { mintRequest, poolTarget, verifyOptions, type Minted, type PoolTarget } from './http.js';
import { differences, expectedAccept } from './matrix.js';
import { awsCognitoVerifier, awsJwtVerifier, joseVerifier, jsonwebtokenVerifier, type CompatVerifier } from './verifiers.js';

const tokenUses: readonly TokenUse[] = ['id', 'access'];

t.test('the difference matrix lists real scenarios, real differences and real sources', async (t) => {
  for (const [library, entries] of Object.entries(differences)) {
    for (const [name, difference] of Object.entries(entries)) {
      const scenario = scenarios.find((s) => s.name === name);
      t.ok(scenario, `${library}: "${name}" is a scenario`);
      t.not(difference!.accept, scenario?.expected.accept, `${library}: "${name}" is listed, so its verdict differs`);
      t.match(difference!.why, /\S.*\.$/, `${library}: "${name}" has a one-sentence reason`);
      const source = fileURLToPath(new URL(`../../node_modules/${difference!.source}`, import.meta.url));
      t.ok(existsSync(source), `${library}: "${name}" cites a file that exists (${difference!.source})`);
    }
  }
});

/**
 * Puts the key ring in the state the scenario's signer needs, as the server's
 * SCENARIO_PRECONDITION error asks: a rotation leaves the replaced key
 * `retiring`; retiring the active key (which first puts a new one in its
 * place) makes a `retired` one.
 */
async function prepareKeyRing(t: Test, idp: TestIdp, target: PoolTarget, scenario: Scenario, use: TokenUse) {
  if (scenario.signer === 'retiring') {
    const res = await call(idp, 'POST', '/_mock/keys/rotate', { pool: target.pool, tokenUse: use });
    t.equal(res.status, 200, 'rotated, so the old key is retiring');
  } else if (scenario.signer === 'retired') {
    const keys = await call(idp, 'GET', `/_mock/keys?pool=${encodeURIComponent(target.pool)}`);
    const active = (keys.body.keys as Array<{ kid: string; use: string; state: string }>).find((k) => k.use === use && k.state === 'active');
    const res = await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(active!.kid)}/retire`);
    t.equal(res.status, 200, 'retired the active key');
  } else {
    t.fail(`scenario ${scenario.name} has a precondition this test does not know how to meet (signer ${scenario.signer})`);
  }
}

async function mintScenario(t: Test, idp: TestIdp, target: PoolTarget, scenario: Scenario, tokenUse: TokenUse): Promise<Minted> {
  const body = { scenario: scenario.name, tokenUse };
  let res = await mintRequest(idp, target, body);
  if (res.status === 409 && res.body?.code === 'SCENARIO_PRECONDITION') {
    await prepareKeyRing(t, idp, target, scenario, scenario.mintAs?.(tokenUse) ?? tokenUse);
    res = await mintRequest(idp, target, body);
  }
  t.equal(res.status, 200, `minted ${scenario.name} as ${tokenUse} token`);
  const minted = res.body as Minted;
  t.same(minted.expected, scenario.expected, 'the server reports the table\'s verdict');
  if (scenario.signer === 'retiring' || scenario.signer === 'retired') {
    t.equal(minted.signedWith?.state, scenario.signer, `signed by a ${scenario.signer} key`);
  }
  return minted;
}

t.test('every scenario, every library, ID and access tokens', async (t) => {
  // Local issuers (http://127.0.0.1:port/pool) for jose, jsonwebtoken and the
  // generic JwtVerifier; Cognito's real issuer form for CognitoJwtVerifier.
  const local = await startTestIdp(t, { startMs: Date.now() });
  const cognito = await startTestIdp(t, { startMs: Date.now(), config: { issuerStyle: 'cognito' } });
  const targets = [
    { idp: local, target: await poolTarget(t, local), verifiers: () => [joseVerifier(), jsonwebtokenVerifier(), awsJwtVerifier()] },
    { idp: cognito, target: await poolTarget(t, cognito), verifiers: () => [awsCognitoVerifier({ mockUrl: cognito.url })] },
  ];
  t.match(targets[1]!.target.issuer, /^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w+$/, 'Cognito issuer form');

  for (const scenario of scenarios) {
    await t.test(scenario.name, async (t) => {
      for (const tokenUse of tokenUses) {
        for (const { idp, target, verifiers } of targets) {
          const { token } = await mintScenario(t, idp, target, scenario, tokenUse);
          // A fresh verifier (empty JWKS cache) per token, so each verdict is the
          // library's own and not an artefact of the order: a cache filled before
          // an earlier scenario's rotation, jose's 30 s refetch cooldown or
          // aws-jwt-verify's 10 s penalty box after an unknown kid would change it.
          // rotation.test.ts shows what caching does.
          for (const verifier of verifiers() as CompatVerifier[]) {
            const verdict = await verifier.verify(token, verifyOptions(target, tokenUse));
            const { accept, difference } = expectedAccept(verifier.name, scenario);
            const observed = verdict.accept ? 'accepted' : `rejected (${verdict.error})`;
            const documented = difference ? `; documented difference: ${difference.why} [${difference.source}]` : '';
            t.equal(verdict.accept, accept, `${verifier.name}, ${tokenUse} token: ${observed}${documented}`);
          }
        }
      }
    });
  }
});
