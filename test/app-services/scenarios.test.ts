/**
 * Every scenario of the table, minted as an ID token of the default pool's spa
 * client, through the App Services login of the default app (raw HTTP): App
 * Services' verdict is the table's, except where test/compat/matrix.ts
 * (`appServicesVerdicts`) records otherwise, and every refusal is 401
 * `AuthError`. Then the keys: logins across a rotation, and a retired key.
 */
import t, { type Test } from 'tap';
import { scenarios, type Scenario } from '../../src/tokens/scenarios.js';
import { appServicesVerdicts } from '../compat/matrix.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { assertClientError, login, spaClientId } from './helpers.js';

const pool = 'us-east-1_LocalPool';

/** Puts the ID key ring in the state the scenario needs, as the 409 SCENARIO_PRECONDITION asks. */
async function prepare(t: Test, idp: TestIdp, scenario: Scenario) {
  if (scenario.signer === 'retiring') {
    t.equal((await call(idp, 'POST', '/_mock/keys/rotate', { pool, tokenUse: 'id' })).status, 200, 'rotated');
  } else if (scenario.signer === 'retired') {
    const keys = await call(idp, 'GET', `/_mock/keys?pool=${pool}`);
    const active = (keys.body.keys as Array<{ kid: string; use: string; state: string }>).find((k) => k.use === 'id' && k.state === 'active')!;
    t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(active.kid)}/retire`)).status, 200, 'retired the active key');
  } else {
    t.fail(`${scenario.name}: unexpected precondition`);
  }
}

/** `POST /_mock/tokens` for an ID token of the scenario (default pool and client: the default app's audience). */
async function mintScenario(t: Test, idp: TestIdp, scenario: Scenario) {
  let res = await call(idp, 'POST', '/_mock/tokens', { user: 'alice', tokenUse: 'id', scenario: scenario.name });
  if (res.status === 409 && res.body?.code === 'SCENARIO_PRECONDITION') {
    await prepare(t, idp, scenario);
    res = await call(idp, 'POST', '/_mock/tokens', { user: 'alice', tokenUse: 'id', scenario: scenario.name });
  }
  t.equal(res.status, 200, `minted ${scenario.name}`);
  return res.body as { token: string; client: string; signedWith: { kid: string; state: string } | null };
}

t.test('the recorded App Services verdicts name real scenarios', async (t) => {
  for (const name of Object.keys(appServicesVerdicts))
    t.ok(
      scenarios.some((s) => s.name === name),
      name,
    );
});

for (const scenario of scenarios) {
  const recorded = appServicesVerdicts[scenario.name];
  const accept = recorded?.accept ?? scenario.expected.accept;
  t.test(`${scenario.name}: App Services ${accept ? 'accepts' : 'refuses'}${recorded ? ` (${recorded.why})` : ''}`, async (t) => {
    // A server per scenario: the emulator's JWKS cache starts empty, as in the matrix's fresh verifiers.
    const idp = await startTestIdp(t);
    const minted = await mintScenario(t, idp, scenario);
    t.equal(minted.client, spaClientId, "minted for the spa client, the default app's audience");
    const res = await login(idp, minted.token);
    if (accept) {
      t.equal(res.status, 200, res.status === 200 ? 'accepted' : `refused: ${res.body?.error_code} ${res.body?.error}`);
      t.match(res.body, { access_token: String, refresh_token: String, user_id: /^[0-9a-f]{24}$/, device_id: /^[0-9a-f]{24}$/ });
      return;
    }
    assertClientError(t, res, 401, 'AuthError', scenario.name);
    if (recorded?.message) t.equal(res.body?.error, recorded.message.replace('{aud}', spaClientId), "App Services' own wording");
  });
}

t.test("logins keep working across a key rotation; a retired key's tokens are refused", async (t) => {
  const idp = await startTestIdp(t);
  const first = await mintScenario(
    t,
    idp,
    scenarios.find((s) => s.name === 'valid')!,
  );
  t.equal((await login(idp, first.token)).status, 200, 'before the rotation (the emulator fetches the JWKS)');

  t.equal((await call(idp, 'POST', '/_mock/keys/rotate', {})).status, 200, 'rotated every key');
  const rotated = await mintScenario(
    t,
    idp,
    scenarios.find((s) => s.name === 'valid')!,
  );
  t.not(rotated.signedWith?.kid, first.signedWith?.kid, 'signed by the new key');
  const afterRotation = await login(idp, rotated.token);
  t.equal(afterRotation.status, 200, 'a new kid: the emulator refetches the JWKS and logs in');
  t.equal((await login(idp, first.token)).status, 200, 'a token of the retiring key still logs in');

  t.equal((await call(idp, 'POST', `/_mock/keys/${encodeURIComponent(rotated.signedWith!.kid)}/retire`)).status, 200, 'retired it');
  const retired = await mintScenario(
    t,
    idp,
    scenarios.find((s) => s.name === 'signed-by-retired-key')!,
  );
  t.equal(retired.signedWith?.kid, rotated.signedWith?.kid, 'signed by the key just retired');
  // The emulator caches the JWKS as its Cache-Control says (max-age 300 s), as any caching verifier
  // does, so the retired key is trusted until that copy is stale; then it is refused.
  t.equal((await login(idp, retired.token)).status, 200, "still in the emulator's fresh cached JWKS: accepted");
  idp.baseClock.advanceBy(301_000);
  assertClientError(t, await login(idp, retired.token), 401, 'AuthError', 'once the cached JWKS is stale: refused');

  const current = await mintScenario(
    t,
    idp,
    scenarios.find((s) => s.name === 'valid')!,
  );
  t.equal((await login(idp, current.token)).status, 200, 'the key that replaced it logs in');
  t.equal((await login(idp, retired.token)).status, 401, 'and the retired key stays refused');
});
