/**
 * JSON nested thousands of levels deep, wherever a request takes arbitrary
 * JSON: a 400 in the surface's format naming the limit, never a 500 (past a
 * few thousand levels structuredClone and JSON.stringify overflow the stack).
 * Bodies are written by hand: JSON.stringify itself overflows on them.
 */
import { CompactSign, importJWK, decodeJwt } from 'jose';
import t from 'tap';
import { maxBodyDepth, maxClaimsDepth } from '../../../src/security/json-depth.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { call, startTestIdp, testKeysFile } from '../../helpers/idp.js';
import { defaultAppId, loginPath } from '../../app-services/helpers.js';
import { readFile } from 'node:fs/promises';

const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedValue = (depth: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
};

async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

t.test('POST /_mock/tokens: claims 10,000 levels deep → 400 BAD_REQUEST naming the limit', async (t) => {
  const idp = await startTestIdp(t);
  for (const [what, claims] of [
    ['objects', nested(10_000)],
    ['arrays', `{"x":${nestedArrays(10_000)}}`],
    ['a strings-heavy body', `{"s":"${'{['.repeat(1000)}","x":${nested(10_000)}}`],
  ]) {
    const res = await post(`${idp.url}/_mock/tokens`, `{"user":"bob","claims":${claims}}`);
    assertErrorBody(t, res, 400, 'BAD_REQUEST', what);
    t.match(res.body.message, new RegExp(`deeper than ${maxBodyDepth} levels`), `${what}: names the limit`);
  }
  const health = await call(idp, 'GET', '/health');
  t.equal(health.status, 200, 'the server is fine');
});

t.test('claims deeper than the claims limit → 400 naming it; at the limit → a token', async (t) => {
  const idp = await startTestIdp(t);
  const over = await post(`${idp.url}/_mock/tokens`, `{"claims":${nested(maxClaimsDepth + 1)}}`);
  assertErrorBody(t, over, 400, 'BAD_REQUEST', 'one level over');
  t.match(over.body.message, new RegExp(`claims: nested deeper than ${maxClaimsDepth} levels`));
  const at = await post(`${idp.url}/_mock/tokens`, `{"claims":${nested(maxClaimsDepth - 1)}}`);
  t.equal(at.status, 200, 'at the limit');
  t.ok(decodeJwt(at.body.token).a, 'the claim is in the token');
  const strings = await post(`${idp.url}/_mock/tokens`, `{"claims":{"note":"${'{'.repeat(500)}"}}`);
  t.equal(strings.status, 200, 'braces inside strings do not count');
  await t.rejects(idp.mint({ claims: nestedValue(10_000) }), { code: 'BAD_REQUEST' }, 'the library refuses too, before cloning');
});

t.test('the other surfaces that take JSON: 400 in their own format', async (t) => {
  const idp = await startTestIdp(t);
  const cognito = await post(idp.url, `{"UserPoolId":"us-east-1_LocalPool","Username":"bob","ClientMetadata":${nested(10_000, '"x"')}}`, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AWSCognitoIdentityProviderService.AdminGetUser',
  });
  t.equal(cognito.status, 400, 'Cognito: 400');
  t.equal(cognito.body.__type, 'InvalidParameterException');
  t.match(cognito.body.message, new RegExp(`deeper than ${maxBodyDepth} levels`));
  const pool = await post(idp.url, `{"PoolName":"deep","Policies":${nested(10_000)}}`, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool',
  });
  t.equal(pool.body.__type, 'InvalidParameterException', 'CreateUserPool with deep Policies');

  const appServices = await post(`${idp.url}${loginPath(defaultAppId)}`, `{"token":"x","options":${nested(10_000)}}`);
  t.equal(appServices.status, 400, 'App Services: 400');
  t.equal(appServices.body.error_code, 'InvalidParameter');

  const verify = await post(`${idp.url}/_mock/verify`, `{"token":"x","pool":${nested(10_000, '"x"')}}`);
  assertErrorBody(t, verify, 400, 'BAD_REQUEST', '/_mock/verify');
});

t.test('a signed token whose payload nests 5,000 levels (under the body limit): /_mock/verify and the App Services login answer, never 500', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const minted = await call(idp, 'POST', '/_mock/tokens', { user: 'alice', client: 'spa', tokenUse: 'id' });
  // The same claims plus a deep one, signed with the server's own key (the committed test-only keys).
  const payloadText = JSON.stringify(minted.body.payload).replace(/^\{/, `{"deep":${nested(5_000)},`);
  const file = JSON.parse(await readFile(testKeysFile, 'utf8')) as { keys: Array<{ kid: string; privateJwk: Record<string, string> }> };
  const key = file.keys.find((k) => k.kid === minted.body.header.kid)!;
  const token = await new CompactSign(new TextEncoder().encode(payloadText)).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(await importJWK(key.privateJwk, 'RS256'));

  const verify = await call(idp, 'POST', '/_mock/verify', { token, client: 'spa', tokenUse: 'id' });
  t.equal(verify.status, 200, '/_mock/verify answers');
  t.match(verify.body.verdict, { accept: false, code: 'MALFORMED' }, 'the verifier refuses the payload');

  const login = await call(idp, 'POST', loginPath(defaultAppId), { token });
  t.ok(login.status >= 400 && login.status < 500, `App Services login: a 4xx (${login.status})`);
  t.type(login.body.error_code, 'string', 'in App Services format');
});
