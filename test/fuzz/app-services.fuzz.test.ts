/**
 * Fuzzes the App Services client API: the custom-token login with random
 * bodies and random, mutated and crafted tokens (alg none, HS256 with the
 * public key, wrong claim types), the location, profile and session endpoints
 * with random bearer tokens, unknown apps and providers. Every answer is
 * 2xx/4xx `{error, error_code, link}` with content-type exactly
 * `application/json`; never a 5xx.
 */
import fc from 'fast-check';
import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';
import { anyJson, bodyText, checkProperty, contentType, encodeSegment, fuzzRuns, guardProcess, nastyString, objectWith } from './fuzz.js';
import { tokenArbitrary } from './tokens.js';
import { wireFormatProblem } from './wire-formats.js';

const guard = guardProcess(t);
const apps = ['mock-idp-app-abcde', 'mock-idp-hs256-fghij'];

t.test('the App Services client API answers every request in its format, never 5xx', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now() });
  const valid = (await idp.mint({ user: 'alice', client: 'spa', tokenUse: 'id' })).token;
  const signing = idp.services.keyRing.signingKey(idp.services.directory.defaultPoolId, 'id').material;
  const tokens = tokenArbitrary({ valid, signingKey: signing.privateKey, kid: signing.kid, publicJwk: signing.publicJwk });
  const login = await idp.app.inject({ method: 'POST', url: `/api/client/v2.0/app/${apps[0]}/auth/providers/custom-token/login`, payload: { token: valid } });
  t.equal(login.statusCode, 200, 'a valid token logs in');
  const { access_token: access, refresh_token: refresh } = login.json<{ access_token: string; refresh_token: string }>();

  const appId = fc.oneof({ arbitrary: fc.constantFrom(...apps), weight: 6 }, nastyString.map(encodeSegment));
  const bearer = fc.option(
    fc.oneof(
      fc.constantFrom(`Bearer ${access}`, `Bearer ${refresh}`, 'Bearer', 'Basic x'),
      tokens.map((tk) => `Bearer ${tk}`),
      nastyString,
    ),
    { nil: undefined },
  );
  const loginBody = fc.oneof(
    {
      arbitrary: fc
        .record({
          token: tokens,
          options: fc.option(fc.oneof(anyJson, fc.record({ device: fc.record({ deviceId: fc.record({ $oid: fc.oneof(nastyString, fc.constant('0123456789abcdef01234567')) }) }) })), {
            nil: undefined,
          }),
        })
        .map((b) => JSON.stringify(b)),
      weight: 6,
    },
    bodyText(objectWith(['token', 'options'])),
  );
  const request = fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('login' as const),
        appId,
        provider: fc.oneof({ arbitrary: fc.constant('custom-token'), weight: 8 }, nastyString.map(encodeSegment)),
        body: loginBody,
        contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 6 }, contentType),
      }),
      weight: 6,
    },
    fc.record({ kind: fc.constant('location' as const), appId }),
    fc.record({ kind: fc.constantFrom('profile' as const, 'refresh' as const, 'logout' as const), authorization: bearer }),
  );

  const seen = new Map<string, number>();
  await checkProperty(
    t,
    'App Services client API',
    fc.asyncProperty(request, async (r) => {
      let response;
      if (r.kind === 'login') {
        response = await idp.app.inject({
          method: 'POST',
          url: `/api/client/v2.0/app/${r.appId}/auth/providers/${r.provider}/login`,
          headers: r.contentType ? { 'content-type': r.contentType } : {},
          ...(r.body === undefined ? {} : { payload: r.body }),
        });
      } else if (r.kind === 'location') {
        response = await idp.app.inject({ url: `/api/client/v2.0/app/${r.appId}/location` });
      } else {
        const method = r.kind === 'profile' ? 'GET' : r.kind === 'refresh' ? 'POST' : 'DELETE';
        const url = r.kind === 'profile' ? '/api/client/v2.0/auth/profile' : '/api/client/v2.0/auth/session';
        response = await idp.app.inject({ method, url, headers: r.authorization ? { authorization: r.authorization } : {} });
      }
      const key = `${r.kind} ${response.statusCode}${response.statusCode >= 400 ? ` ${String((JSON.parse(response.body) as { error_code?: string }).error_code)}` : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const problem = wireFormatProblem('app-services', response);
      if (problem) throw new Error(`${r.kind}: ${problem}`);
    }),
    fuzzRuns(400),
  );
  t.comment(
    `answers: ${[...seen]
      .sort(([, a], [, b]) => b - a)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')}`,
  );
});

guard.check();
