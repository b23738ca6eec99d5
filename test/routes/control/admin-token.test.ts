import t from 'tap';
import { assertErrorBody } from '../../helpers/error-body.js';
import { startTestIdp } from '../../helpers/idp.js';

const adminToken = 'test-admin-token_0123456789';

t.test('with an admin token, every /_mock route needs it; the emulated services stay open', async (t) => {
  const idp = await startTestIdp(t, { adminToken });
  const routes: Array<[string, string, unknown?]> = [
    ['GET', '/_mock/scenarios'],
    ['GET', '/_mock/pools'],
    ['POST', '/_mock/tokens', {}],
    ['GET', '/_mock/keys'],
    ['POST', '/_mock/keys/rotate', {}],
    ['GET', '/_mock/clock'],
    ['POST', '/_mock/reset', {}],
    ['GET', '/_mock/faults'],
    ['GET', '/_mock/app-services/apps'],
    ['GET', '/_mock/no-such-route'],
  ];
  for (const [method, url, payload] of routes) {
    const missing = await idp.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
    assertErrorBody(t, { status: missing.statusCode, body: missing.json() }, 401, 'ADMIN_TOKEN_REQUIRED', `${method} ${url} without a token`);
    t.equal(missing.headers['www-authenticate'], 'Bearer realm="mock-idp"');
    const wrong = await idp.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${adminToken}x` }, ...(payload ? { payload } : {}) });
    assertErrorBody(t, { status: wrong.statusCode, body: wrong.json() }, 401, 'ADMIN_TOKEN_INVALID', `${method} ${url} with a wrong token`);
    t.equal(wrong.headers['www-authenticate'], 'Bearer realm="mock-idp"');
  }
  const other = await idp.app.inject({ url: '/_mock/pools', headers: { authorization: `Basic ${Buffer.from(`a:${adminToken}`).toString('base64')}` } });
  t.equal(other.json().code, 'ADMIN_TOKEN_REQUIRED', 'Basic credentials are not the Bearer token');

  const ok = await idp.app.inject({ method: 'POST', url: '/_mock/tokens', headers: { authorization: `bearer  ${adminToken}` }, payload: { user: 'alice' } });
  t.equal(ok.statusCode, 200, 'the right token (scheme case-insensitive) mints');
  const unknown = await idp.app.inject({ url: '/_mock/no-such-route', headers: { authorization: `Bearer ${adminToken}` } });
  assertErrorBody(t, { status: unknown.statusCode, body: unknown.json() }, 404, 'NOT_FOUND', 'an unknown /_mock route with the token');

  for (const url of ['/health', '/.well-known/jwks.json', '/us-east-1_LocalPool/.well-known/openid-configuration', '/api/client/v2.0/app/mock-idp-app-abcde/location']) {
    t.equal((await idp.app.inject({ url })).statusCode, 200, `${url} needs no admin token`);
  }
  const cognito = await idp.app.inject({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth', 'content-type': 'application/x-amz-json-1.1' },
    payload: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '1vngm1viu6qqksk0qckq8aag7p', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Finding-8296-same!' } }),
  });
  t.equal(cognito.statusCode, 200, 'the Cognito JSON API needs no admin token');
});

t.test('without an admin token the control API is open (the default)', async (t) => {
  const idp = await startTestIdp(t);
  t.equal((await idp.app.inject({ url: '/_mock/keys' })).statusCode, 200);
});

t.test('the admin token comes from MOCK_IDP_ADMIN_TOKEN and must be a Bearer token', async (t) => {
  const { loadConfig } = await import('../../../src/config/load-config.js');
  t.equal((await loadConfig({ env: { MOCK_IDP_ADMIN_TOKEN: 's3cret' } })).config.adminToken, 's3cret');
  t.equal((await loadConfig()).config.adminToken, null, 'none by default');
  await t.rejects(loadConfig({ env: { MOCK_IDP_ADMIN_TOKEN: 'has space' } }), { code: 'INVALID_CONFIG' });
});
