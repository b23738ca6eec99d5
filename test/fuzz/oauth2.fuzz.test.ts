/**
 * Fuzzes the OAuth2 endpoints and the hosted login page: random and near-valid
 * queries and form bodies, client authentication headers, bearer tokens,
 * cookies and content types. The API endpoints answer `{error,
 * error_description}`; the browser's pages (authorize, login, logout) answer
 * pages or redirects; never a 5xx.
 */
import fc from 'fast-check';
import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';
import { checkProperty, contentType, encodeSegment, fuzzRuns, guardProcess, nastyString } from './fuzz.js';
import { wireFormatProblem, type Surface } from './wire-formats.js';

const guard = guardProcess(t);

const spa = '1vngm1viu6qqksk0qckq8aag7p';
const backend = '74tsdvbgrc3esbuvkbj4ft5dam';
const backendSecret = 'smxaj0de2cvx9bp6m6venanb9zijfc2uk814fuwxmhojcs78gp1';
const names = [
  'grant_type',
  'client_id',
  'client_secret',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'scope',
  'token',
  'response_type',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'logout_uri',
  'username',
  'password',
  'pick',
  'newPassword',
  'confirmPassword',
];
const good: Record<string, string[]> = {
  grant_type: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
  client_id: [spa, backend],
  client_secret: [backendSecret],
  redirect_uri: ['http://localhost:3000/callback', 'http://localhost:3000/callback/'],
  logout_uri: ['http://localhost:3000/'],
  response_type: ['code', 'token'],
  scope: ['openid', 'openid email', 'mock-api/read', 'aws.cognito.signin.user.admin'],
  code_challenge_method: ['S256', 'plain'],
  code_challenge: ['E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
  code_verifier: ['dBjftJeZ4CVP-mJ92K9qpgK2SqkZfS5X8n8gJ2Cz0Pk'],
  username: ['alice', 'bob'],
  password: ['Finding-8296-same!'],
  pick: ['alice', 'bob'],
};
const value = (name: string) => fc.oneof({ arbitrary: fc.constantFrom(...(good[name] ?? ['x'])), weight: 3 }, nastyString);
const params = fc
  .uniqueArray(fc.constantFrom(...names), { maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map((k) => value(k).map((v) => [k, v] as [string, string]))))
  .chain((pairs) =>
    fc.oneof(
      { arbitrary: fc.constant(pairs), weight: 5 },
      fc.tuple(nastyString, nastyString).map((extra) => [...pairs, extra, extra]),
    ),
  );
const encode = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');

const endpoints: Array<{ method: 'GET' | 'POST'; url: string; surface: Surface }> = [
  { method: 'POST', url: '/oauth2/token', surface: 'oauth2-json' },
  { method: 'POST', url: '/oauth2/revoke', surface: 'oauth2-json' },
  { method: 'GET', url: '/oauth2/userInfo', surface: 'oauth2-json' },
  { method: 'POST', url: '/oauth2/userInfo', surface: 'oauth2-json' },
  { method: 'GET', url: '/oauth2/authorize', surface: 'oauth2-page' },
  { method: 'GET', url: '/login', surface: 'oauth2-page' },
  { method: 'POST', url: '/login', surface: 'oauth2-page' },
  { method: 'GET', url: '/logout', surface: 'oauth2-page' },
];

const request = fc.record({
  endpoint: fc.constantFrom(...endpoints),
  query: params,
  form: params,
  rawBody: fc.option(nastyString, { freq: 8, nil: undefined }),
  contentType: fc.oneof({ arbitrary: fc.constant('application/x-www-form-urlencoded'), weight: 6 }, contentType),
  authorization: fc.option(
    fc.oneof(
      fc.constantFrom(
        `Basic ${Buffer.from(`${backend}:${backendSecret}`).toString('base64')}`,
        `Basic ${Buffer.from(`${spa}:`).toString('base64')}`,
        'Basic',
        'Basic %%%',
        'Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA',
        'Bearer',
      ),
      nastyString.map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      nastyString.map((s) => `Bearer ${s}`),
    ),
    { nil: undefined },
  ),
  cookie: fc.option(
    nastyString.map((s) => `mock-idp-session_us-east-1_LocalPool_${spa}=${s}`),
    { nil: undefined },
  ),
});

t.test('the OAuth2 endpoints and hosted pages answer every request in their format, never 5xx', async (t) => {
  const idp = await startTestIdp(t);
  const seen = new Map<string, number>();
  await checkProperty(
    t,
    'OAuth2 and hosted login',
    fc.asyncProperty(request, async (r) => {
      const { method, url, surface } = r.endpoint;
      const headers: Record<string, string> = {};
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.authorization) headers.authorization = r.authorization;
      if (r.cookie) headers.cookie = r.cookie;
      const response = await idp.app.inject({
        method,
        url: `${url}?${encode(r.query)}`,
        headers,
        ...(method === 'POST' ? { payload: r.rawBody ?? encode(r.form) } : {}),
      });
      const key = `${response.statusCode}${response.statusCode >= 400 && surface === 'oauth2-json' ? ` ${String((JSON.parse(response.body) as { error?: string }).error)}` : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const problem = wireFormatProblem(surface, response);
      if (problem) throw new Error(`${method} ${url}: ${problem}`);
    }),
    fuzzRuns(500),
  );
  t.comment(
    `answers: ${[...seen]
      .sort(([, a], [, b]) => b - a)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')}`,
  );
});

guard.check();
