/**
 * The hosted login's CSRF defence: `GET /login` sets an `XSRF-TOKEN` cookie
 * and the same value in each form's hidden `_csrf` field; `POST /login` signs
 * in only when both came back, equal, and made by this server. Anything else
 * (a form auto-submitted from another site, a cookie another port of the same
 * host planted) is a 403 with the form again, and nobody is signed in.
 */
import t, { type Test } from 'tap';
import { authorizeQuery, cookieOf, get, loginCsrf, postForm, postLogin, spaId, startOAuthIdp } from '../helpers/oauth2.js';

const errorCode = (html: string) => /data-code="([^"]+)"/.exec(html)?.[1];

/** The idp, its login URL, and every hosted-UI session started, counted. */
async function setup(t: Test) {
  const idp = await startOAuthIdp(t);
  const sessions = idp.services.hostedUiSessions;
  const started: string[] = [];
  const start = sessions.start.bind(sessions);
  sessions.start = (poolId, clientId, username) => {
    started.push(username);
    return start(poolId, clientId, username);
  };
  return { idp, url: `${idp.url}/login?${authorizeQuery(spaId)}`, started };
}

t.test('GET /login: an XSRF-TOKEN cookie (HttpOnly, SameSite=Lax, Path=/) and the same value in every form', async (t) => {
  const { url } = await setup(t);
  const page = await get(url);
  const setCookie = page.headers.get('set-cookie')!;
  t.match(setCookie, /^XSRF-TOKEN=[\w-]+\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const token = setCookie.split(';')[0]!.slice('XSRF-TOKEN='.length);
  const html = await page.text();
  const fields = [...html.matchAll(/<input type="hidden" name="_csrf" value="([^"]+)">/g)].map((m) => m[1]);
  t.same(fields, [token, token], 'the sign-in form and the pick form carry it');

  const again = await get(url, { cookie: cookieOf(page) });
  t.equal(again.headers.get('set-cookie'), null, 'a browser that has a valid token keeps it');
  t.match(await again.text(), `name="_csrf" value="${token}"`);
});

t.test('a POST without the right token signs nobody in: 403, the form again, a fresh token', async (t) => {
  const { idp, url, started } = await setup(t);
  const { cookie, csrf } = await loginCsrf(url);
  const planted = 'chosen-by-another-port.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['a form auto-submitted from another site (no cookie, no field)', { pick: 'alice' }, {}],
    ['the cookie but no field', { pick: 'alice' }, { cookie }],
    ['the field but no cookie', { pick: 'alice', _csrf: csrf }, {}],
    ['a field that is not the cookie', { pick: 'alice', _csrf: `${csrf}x` }, { cookie }],
    ['a pair the attacker chose (a cookie planted from another port)', { pick: 'alice', _csrf: planted }, { cookie: `XSRF-TOKEN=${planted}` }],
    ['a password sign-in with no token', { username: 'alice', password: idp.fixtures.passwords.alice! }, {}],
  ];
  for (const [what, fields, headers] of cases) {
    const res = await postForm(url, fields, headers);
    t.equal(res.status, 403, `${what}: 403`);
    t.equal(res.headers.get('location'), null, `${what}: no redirect`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    t.notMatch(setCookie, 'mock-idp-session', `${what}: no session cookie`);
    t.match(setCookie, /^XSRF-TOKEN=/, `${what}: a fresh token`);
    const html = await res.text();
    t.equal(errorCode(html), 'invalid_request', `${what}: the page says why`);
    t.match(html, '<h1>Sign in</h1>', `${what}: the form again`);
  }
  t.same(started, [], 'no hosted-UI session was started');

  const refused = await postForm(url, { pick: 'alice' });
  const fresh = /name="_csrf" value="([^"]+)"/.exec(await refused.text())![1]!;
  const retried = await postForm(url, { pick: 'alice', _csrf: fresh }, { cookie: cookieOf(refused) });
  t.equal(retried.status, 302, 'the form shown after a refusal works');
  t.same(started, ['alice']);
});

t.test('a token made by another server (or before a restart) is refused', async (t) => {
  const { url, started } = await setup(t);
  const other = await startOAuthIdp(t);
  const { cookie, csrf } = await loginCsrf(`${other.url}/login?${authorizeQuery(spaId)}`);
  t.equal((await postForm(url, { pick: 'alice', _csrf: csrf }, { cookie })).status, 403);
  t.same(started, []);
});

t.test("with the page's cookie and field, the sign-in works", async (t) => {
  const { url, started } = await setup(t);
  const res = await postLogin(url, { pick: 'alice' });
  t.equal(res.status, 302);
  t.match(res.headers.get('set-cookie'), /^mock-idp-session_/, 'only the session cookie is set');
  t.same(started, ['alice']);
});
