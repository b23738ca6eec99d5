/**
 * Every control API request that can change state needs `Content-Type:
 * application/json` (an empty body is fine), so a browser cannot send it
 * cross-site without a CORS preflight, and no preflight is granted: what a
 * form or a bodyless `fetch(url, {method: 'POST'})` sends is a 415 that
 * changes nothing.
 */
import t from 'tap';
import { callControlApi } from '../../../src/cli/control-client.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { call, startTestIdp } from '../../helpers/idp.js';
import { fastKeyFactory } from '../../helpers/key-factory.js';

const appUser = '/app-services/apps/mock-idp-app-abcde/users/000000000000000000000000';

/** Every state-changing control API request, as `[method, path under /_mock]`. */
const changes = async (idp: { url: string }): Promise<Array<[string, string]>> => {
  const kid = ((await call(idp, 'GET', '/_mock/keys')).body.keys as Array<{ kid: string }>)[0]!.kid;
  return [
    ['POST', '/keys/rotate'],
    ['POST', `/keys/${encodeURIComponent(kid)}/retire`],
    ['POST', '/reset'],
    ['POST', '/tokens'],
    ['POST', '/clock'],
    ['POST', '/faults'],
    ['DELETE', '/faults'],
    ['POST', '/verify'],
    ['POST', `${appUser}/disable`],
    ['POST', `${appUser}/enable`],
    ['DELETE', appUser],
    ['DELETE', `${appUser}/sessions`],
    ['PUT', '/keys/rotate'],
    ['PATCH', '/clock'],
  ];
};

/** What a request could change: keys, clock, faults, users. */
async function snapshot(idp: { url: string }) {
  const [keys, clock, faults, pools] = await Promise.all(['/_mock/keys', '/_mock/clock', '/_mock/faults', '/_mock/pools'].map((path) => call(idp, 'GET', path)));
  return { keys: keys!.body, clock: clock!.body, faults: faults!.body, pools: pools!.body };
}

t.test('a request that changes state without Content-Type: application/json is a 415 and changes nothing', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 });
  await call(idp, 'POST', '/_mock/clock', { offsetSeconds: 600 });
  const before = await snapshot(idp);
  const bodies: Array<[string, Record<string, string>, string | undefined]> = [
    ['no body, no content type, from a page (fetch(url, {method}))', { origin: 'http://127.0.0.1:1' }, undefined],
    ['an empty form, from a page', { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }, ''],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'keys=true'],
    ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="keys"\r\n\r\ntrue\r\n--x--\r\n'],
    ['text/plain (what a cross-site fetch may send)', { 'content-type': 'text/plain' }, '{"keys": true}'],
    ['JSON by another name', { 'content-type': 'application/vnd.api+json' }, '{}'],
  ];
  for (const [method, path] of await changes(idp)) {
    for (const [what, headers, body] of bodies) {
      const res = await fetch(`${idp.url}/_mock${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const answer = { status: res.status, body: (await res.json()) as { message: string } };
      assertErrorBody(t, answer, 415, 'UNSUPPORTED_MEDIA_TYPE', `${method} ${path}, ${what}`);
      t.match(answer.body.message, 'Content-Type: application/json', 'the message says what to send');
    }
  }
  t.same(await snapshot(idp), before, 'keys, clock, faults and users are as they were');
});

t.test('with Content-Type: application/json an empty body still means "no fields"', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  for (const contentType of ['application/json', 'Application/JSON; charset=utf-8']) {
    const rotated = await fetch(`${idp.url}/_mock/keys/rotate`, { method: 'POST', headers: { 'content-type': contentType } });
    t.equal(rotated.status, 200, `${contentType}: rotated`);
  }
  const cleared = await fetch(`${idp.url}/_mock/faults`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
  t.equal(cleared.status, 200, 'DELETE with the content type and no body');
  t.equal((await fetch(`${idp.url}/_mock/keys`)).status, 200, 'reading needs no content type');
});

t.test('no CORS on /_mock: no Access-Control-Allow-Origin, and a preflight gets no grant', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const origin = 'http://127.0.0.1:1';
  const preflight = await fetch(`${idp.url}/_mock/keys/rotate`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  const read = await fetch(`${idp.url}/_mock/pools`, { headers: { origin } });
  const posted = await fetch(`${idp.url}/_mock/tokens`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
  for (const [what, res] of [
    ['preflight', preflight],
    ['GET', read],
    ['POST', posted],
  ] as const) {
    const granted = [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));
    t.same(granted, [], `${what}: no Access-Control-* header`);
  }
  t.not(preflight.status, 204, 'the preflight is not answered as granted');
});

t.test("the CLI's client sends the content type on every POST, body or not", async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const { rotated } = await callControlApi<{ rotated: unknown[] }>(idp.url, 'POST', '/keys/rotate');
  t.equal(rotated.length, 4);
  const { token } = await callControlApi<{ token: string }>(idp.url, 'POST', '/tokens', { user: 'alice' });
  t.type(token, 'string');
});
