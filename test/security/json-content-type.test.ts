/**
 * The control API's content-type rule from the command line: a request with
 * no body that no browser sent needs no `Content-Type: application/json`
 * (the README's `curl -X POST …`, with or without `-d ''`); one with a body
 * still does, and so does anything a page sends (test/routes/control/content-type.test.ts,
 * test/security/hostile-page.test.ts).
 */
import { request } from 'node:http';
import t from 'tap';
import { call, startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

/** A raw HTTP request, headers exactly as given (fetch adds its own), as curl sends it. */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: { code?: string; message?: string; token?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as { code?: string; message?: string } }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

t.test("curl -X POST with no body, or -d '' (a form content type, length 0): accepted", async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const curl = { 'user-agent': 'curl/8.5.0', accept: '*/*' };
  const kids = async () => ((await call(idp, 'GET', '/_mock/keys')).body.keys as unknown[]).length;
  const before = await kids();

  const bare = await raw(`${idp.url}/_mock/keys/rotate`, 'POST', curl);
  t.equal(bare.status, 200, 'curl -X POST: no content type, no body');
  const form = await raw(`${idp.url}/_mock/keys/rotate`, 'POST', { ...curl, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' }, '');
  t.equal(form.status, 200, "curl -X POST -d '': a form content type and an empty body");
  t.ok((await kids()) > before, 'the keys were rotated');

  const minted = await raw(`${idp.url}/_mock/tokens`, 'POST', { ...curl, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' }, '');
  t.equal(minted.status, 200, 'a token for the defaults, as with an empty JSON body');
  t.match(minted.body.token, /^ey/);
  const cleared = await raw(`${idp.url}/_mock/faults`, 'DELETE', curl);
  t.equal(cleared.status, 200, 'DELETE with nothing');
});

t.test('a body still needs Content-Type: application/json, and the 415 says what to send', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const form = await raw(`${idp.url}/_mock/reset`, 'POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '9' }, 'keys=true');
  t.equal(form.status, 415);
  t.equal(form.body.code, 'UNSUPPORTED_MEDIA_TYPE');
  t.match(form.body.message, `-H 'content-type: application/json' -d '{}'`, 'the command to type');
  const chunked = await raw(`${idp.url}/_mock/reset`, 'POST', { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }, '');
  t.equal(chunked.status, 415, 'a chunked body counts as a body, even an empty one');
});

t.test('an empty request a browser sent (Origin or Sec-Fetch-Site) is still refused', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const before = (await call(idp, 'GET', '/_mock/keys')).body;
  const fromPages: Array<Record<string, string>> = [
    { origin: 'http://127.0.0.1:1' },
    { origin: 'null', 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
  ];
  for (const headers of fromPages) {
    const answer = await raw(`${idp.url}/_mock/keys/rotate`, 'POST', headers, '');
    t.equal(answer.status, 415, JSON.stringify(headers));
  }
  t.same((await call(idp, 'GET', '/_mock/keys')).body, before, 'no key rotated');
});
