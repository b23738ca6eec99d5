/**
 * Fuzzes the /_mock control API: random methods, paths (known routes, random
 * segments), queries, bodies, content types and Authorization headers against
 * a server with an admin token. Every answer is 2xx/4xx, errors in the
 * control API's format `{statusCode, code, error, message}`.
 */
import fc from 'fast-check';
import t from 'tap';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { startTestIdp } from '../helpers/idp.js';
import { anyJson, bodyText, checkProperty, contentType, encodeSegment, fuzzRuns, guardProcess, nastyString, objectWith } from './fuzz.js';
import { wireFormatProblem } from './wire-formats.js';

const guard = guardProcess(t);
const adminToken = 'fuzz-admin-token';

const routes = [
  '/_mock/scenarios',
  '/_mock/pools',
  '/_mock/tokens',
  '/_mock/keys',
  '/_mock/keys/rotate',
  '/_mock/clock',
  '/_mock/faults',
  '/_mock/reset',
  '/_mock/app-services/apps',
  '/_mock/app-services/apps/mock-idp-app-abcde/users',
  '/_mock/pools/us-east-1_LocalPool/users/alice/codes',
] as const;

const fields = [
  'pool',
  'client',
  'user',
  'tokenUse',
  'scenario',
  'claims',
  'suppress',
  'ttlSeconds',
  'scope',
  'prePublishSeconds',
  'advanceSeconds',
  'offsetSeconds',
  'fixedTime',
  'reset',
  'target',
  'status',
  'delayMs',
  'body',
  'count',
  'keys',
  'appServices',
];
const fieldValues = fc.oneof(anyJson, fc.constantFrom('alice', 'valid', 'expired', 'id', 'access', 'jwks', 'us-east-1_LocalPool', 'spa', 0.1, 1, 400, 503, 'malformed'));
const segment = nastyString.map(encodeSegment);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc.oneof(
    { arbitrary: fc.constantFrom(...routes), weight: 5 },
    fc.tuple(fc.constantFrom(...routes), segment).map(([route, s]) => `${route}/${s}`),
    fc.tuple(segment, segment).map(([a, b]) => `/_mock/keys/${a}/${b === '' ? 'retire' : b}`),
    fc.tuple(segment, segment).map(([a, b]) => `/_mock/app-services/apps/${a}/users/${b}`),
    segment.map((s) => `/_mock/${s}`),
  ),
  query: fc.option(fc.dictionary(fc.constantFrom('pool', 'target', 'x', '__proto__'), nastyString, { maxKeys: 2 }), { nil: undefined }),
  body: bodyText(objectWith(fields, fieldValues)),
  contentType,
  authorization: fc.oneof(
    { arbitrary: fc.constant(`Bearer ${adminToken}`), weight: 8 },
    fc.constantFrom(undefined, 'Bearer nope', 'Basic Zm9vOmJhcg==', 'Bearer', `bearer ${adminToken} x`),
    nastyString,
  ),
});

t.test('the control API answers every request in its format, never 5xx', async (t) => {
  const idp = await startTestIdp(t, { adminToken, keyFactory: await fastKeyFactory() });
  const statuses = new Map<number, number>();
  await checkProperty(
    t,
    'control API',
    fc.asyncProperty(request, async (r) => {
      const response = await idp.app.inject({
        method: r.method as 'GET',
        url: r.path,
        ...(r.query ? { query: r.query } : {}),
        headers: { ...(r.contentType ? { 'content-type': r.contentType } : {}), ...(r.authorization ? { authorization: r.authorization } : {}) },
        ...(r.body === undefined || r.method === 'GET' || r.method === 'HEAD' ? {} : { payload: r.body }),
      });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const problem = r.method === 'HEAD' ? (response.statusCode >= 500 ? `status ${response.statusCode}` : null) : wireFormatProblem('control', response);
      if (problem) throw new Error(`${r.method} ${r.path}: ${problem}`);
    }),
    fuzzRuns(400),
  );
  t.comment(
    `statuses: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
  );
});

guard.check();
