import { createRemoteJWKSet, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { claimsOf, localPool } from '../helpers/cognito.js';
import { startTestIdp } from '../helpers/idp.js';
import { assertOAuthError, backendId, basic, callback, codeFor, postForm, spaId } from '../helpers/oauth2.js';
import { fn, handlerModule } from './helpers.js';
import type { TriggerInvocation } from '../../src/triggers/trigger-journal.js';

/** The default pool, its pre token generation function the V2/V3 handler module with `version`. */
async function start(t: Test, version: 'V2_0' | 'V3_0') {
  const idp = await startTestIdp(t, {
    startMs: Date.now(),
    config: { lambda: { endpoint: null, timeoutSeconds: 5, functions: { [fn('pre-token-v2')]: { module: handlerModule('pre-token-v2.ts') } } } },
  });
  const pool = idp.services.directory.pool(localPool);
  pool.settings.LambdaConfig = { PreTokenGenerationConfig: { LambdaArn: fn('pre-token-v2'), LambdaVersion: version } };
  const { pools } = (await (await fetch(`${idp.url}/_mock/pools`)).json()) as { pools: Array<{ clients: Array<{ id: string; secret: string }> }> };
  const secret = pools[0]!.clients.find((c) => c.id === backendId)!.secret;
  const journal = async (): Promise<TriggerInvocation[]> =>
    ((await (await fetch(`${idp.url}/_mock/triggers?pool=${localPool}&trigger=PreTokenGeneration`)).json()) as { invocations: TriggerInvocation[] }).invocations;
  const machineToken = (fields: Record<string, string> = {}) => postForm(`${idp.url}/oauth2/token`, { grant_type: 'client_credentials', ...fields }, basic(backendId, secret));
  return { idp, journal, machineToken };
}

t.test('V3_0: client credentials tokens go through the function (TokenGeneration_ClientCredentials), with aws_client_metadata', async (t) => {
  const { idp, journal, machineToken } = await start(t, 'V3_0');
  const res = await machineToken({ scope: 'mock-api/read', aws_client_metadata: JSON.stringify({ caller: 'billing' }) });
  t.equal(res.status, 200);
  const { access_token } = (await res.json()) as { access_token: string };
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer(localPool)}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(access_token, jwks, { issuer: idp.issuer(localPool) });
  t.match(payload, { caller: 'billing', scope: 'mock-api/read mock-api/audit', sub: backendId, client_id: backendId, token_use: 'access' });

  const [entry] = await journal();
  t.match(entry!.event, {
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    callerContext: { clientId: backendId },
    request: { scopes: ['mock-api/read'], clientMetadata: { caller: 'billing' } },
    response: { claimsAndScopeOverrideDetails: null },
  });
});

t.test('V3_0: a failing function gets no machine token; bad aws_client_metadata is invalid_request', async (t) => {
  const { machineToken, journal } = await start(t, 'V3_0');
  await assertOAuthError(t, await machineToken({ aws_client_metadata: JSON.stringify({ caller: 'fail' }) }), 400, 'invalid_request');
  t.match((await journal())[0]!.error, { type: 'UserLambdaValidationException' });
  await assertOAuthError(t, await machineToken({ aws_client_metadata: '{"caller": 1}' }), 400, 'invalid_request');
});

t.test('V2_0 functions do not run for client credentials; hosted sign-in is TokenGeneration_HostedAuth', async (t) => {
  const { idp, journal, machineToken } = await start(t, 'V2_0');
  const res = await machineToken();
  t.equal(res.status, 200);
  t.notOk('caller' in claimsOf(((await res.json()) as { access_token: string }).access_token));
  t.same(await journal(), [], 'not run');

  const code = await codeFor(t, idp, spaId);
  const tokens = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spaId, code, redirect_uri: callback });
  t.equal(tokens.status, 200);
  const { access_token, id_token } = (await tokens.json()) as { access_token: string; id_token: string };
  t.match(claimsOf(access_token), { source: 'TokenGeneration_HostedAuth', roles: ['reader', 'writer'] });
  t.same(claimsOf(id_token).tenant, { id: 'acme', tier: 2 });
  const [entry] = await journal();
  t.match(entry!.event, { triggerSource: 'TokenGeneration_HostedAuth', userName: 'alice', callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: spaId } });
  t.match((entry!.event as { request: { scopes: string[] } }).request.scopes, ['openid', 'email']);
});
