/**
 * A hostile web page, in a real browser, against a mock-idp on the developer's
 * machine. From another local origin (a second server on another port) it
 * sends what a page may send without asking: bodyless, text/plain and form
 * POSTs to the control API (rotate, reset, mint, move the clock, retire every
 * kid it reads from the public JWKS), a JSON POST (which needs a preflight),
 * a read of `GET /_mock/pools`, and auto-submitted hosted-login forms (one
 * with a CSRF cookie it planted). Then a DNS-rebinding page: `rebind.test`
 * resolves to 127.0.0.1, so the page is same-origin with the server and
 * reads and writes `/_mock` as its own. Nothing changes, nothing is read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import type { UserRecord } from '../../src/config/types.js';
import { launchBrowser } from '../helpers/browser.js';
import { call, startTestIdp, type TestIdp } from '../helpers/idp.js';
import { authorizeQuery, spaId } from '../helpers/oauth2.js';

const browser = await launchBrowser(t, { args: ['--host-resolver-rules=MAP rebind.test 127.0.0.1'] });

/** The hostile site: a few fixed pages on 127.0.0.1, another port than the server's. */
async function hostileSite(t: Test, pages: Record<string, string>): Promise<string> {
  const server: Server = createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server with state a successful attack would change: a clock offset, a user made at run time. */
async function victimServer(t: Test) {
  const idp = await startTestIdp(t);
  t.equal((await call(idp, 'POST', '/_mock/clock', { offsetSeconds: 3600 })).status, 200, "the victim's clock is shifted");
  const pool = idp.services.directory.pool();
  idp.services.directory.addUser(pool, { ...structuredClone(pool.users[0]!), username: 'made-at-run-time', sub: '0b9f1e2a-0000-4000-8000-000000000001' } satisfies UserRecord);
  // Every /_mock request that reaches the server, with the status it got.
  const seen: string[] = [];
  idp.app.server.on('request', (request, response) => {
    if (request.url?.startsWith('/_mock')) response.once('finish', () => seen.push(`${request.method} ${request.url?.split('?')[0]} ${response.statusCode}`));
  });
  // Every hosted-UI session started.
  const signedIn: string[] = [];
  const sessions = idp.services.hostedUiSessions;
  const start = sessions.start.bind(sessions);
  sessions.start = (poolId, clientId, username) => {
    signedIn.push(username);
    return start(poolId, clientId, username);
  };
  return { idp, seen, signedIn };
}

/**
 * One victim server for the file (the attacks change nothing, and each test checks that against
 * its own snapshot): each test starts with empty request and sign-in logs and a fresh snapshot.
 */
const server = browser ? await victimServer(t) : null;
async function victim() {
  const { idp, seen, signedIn } = server!;
  seen.length = 0;
  signedIn.length = 0;
  return { idp, seen, signedIn, before: await snapshot(idp) };
}

/** Keys, clock, faults, pools and users, as the control API shows them. */
async function snapshot(idp: TestIdp) {
  const [keys, clock, faults, pools] = await Promise.all(['/_mock/keys', '/_mock/clock', '/_mock/faults', '/_mock/pools'].map((path) => call(idp, 'GET', path)));
  return { keys: keys!.body, clock: clock!.body, faults: faults!.body, pools: pools!.body };
}

/**
 * The file's one page, without the cookies an earlier test left (a new context and page cost several times a
 * navigation); it leaves the test's sites when the test ends. Tests run one after another, never at once.
 */
let shared: Page | undefined;
async function newPage(test: Test): Promise<Page> {
  if (!shared) {
    const context = await browser!.newContext();
    t.teardown(() => context.close());
    shared = await context.newPage();
  }
  const page = shared;
  await page.context().clearCookies();
  page.setDefaultTimeout(15_000);
  test.teardown(() => page.goto('about:blank').catch(() => null));
  return page;
}

/**
 * The attack, as the hostile page's own script (a string, so it runs in the
 * page exactly as written). Blind requests use `mode: 'no-cors'`: the browser
 * sends them without asking and hides the answer, which is all CSRF needs.
 */
const attack = (idp: string) => `(async () => {
  const idp = ${JSON.stringify(idp)};
  const blind = (method, path, init = {}) => fetch(idp + path, { method, mode: 'no-cors', ...init }).then(() => 'sent', (e) => 'failed: ' + e.message);
  const text = { 'content-type': 'text/plain' };
  const sent = [
    await blind('POST', '/_mock/keys/rotate'),
    await blind('POST', '/_mock/reset'),
    await blind('POST', '/_mock/reset', { headers: text, body: '{"keys": true, "appServices": true}' }),
    await blind('POST', '/_mock/reset', { body: new URLSearchParams({ keys: 'true' }) }),
    await blind('POST', '/_mock/tokens'),
    await blind('POST', '/_mock/tokens', { headers: text, body: '{"user": "alice"}' }),
    await blind('POST', '/_mock/clock', { headers: text, body: '{"advanceSeconds": 86400}' }),
  ];
  const kids = [];
  for (const jwks of ['/.well-known/jwks.json', '/eu-west-1_TeamsPool/.well-known/jwks.json']) {
    kids.push(...(await (await fetch(idp + jwks)).json()).keys.map((k) => k.kid));
  }
  for (const kid of kids) sent.push(await blind('POST', '/_mock/keys/' + encodeURIComponent(kid) + '/retire'));
  const read = async (path, init) => {
    try {
      const response = await fetch(idp + path, init);
      return 'read ' + response.status + ': ' + (await response.text());
    } catch (error) {
      return 'blocked';
    }
  };
  return {
    sent,
    kids,
    pools: await read('/_mock/pools'),
    jsonRotate: await read('/_mock/keys/rotate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    // DELETE is never a blind request (no-cors refuses it): it needs a preflight too.
    clearFaults: await read('/_mock/faults', { method: 'DELETE' }),
  };
})()`;

if (browser) {
  t.test('a page on another local origin changes nothing and reads nothing through /_mock', async (t) => {
    const { idp, seen, before } = await victim();
    const site = await hostileSite(t, { '/': '<!doctype html><title>cute cats</title>' });
    const page = await newPage(t);
    await page.goto(`${site}/`);
    const result = await page.evaluate<{ sent: string[]; kids: string[]; pools: string; jsonRotate: string; clearFaults: string }>(attack(idp.url));

    t.equal(result.kids.length, 4, 'it read the kids from the public JWKS (ID and access keys of the default pool and TeamsPool)');
    t.same(new Set(result.sent), new Set(['sent']), 'the browser sent every blind request');
    t.equal(result.pools, 'blocked', 'GET /_mock/pools: the browser keeps the answer from the page (no CORS grant)');
    t.equal(result.jsonRotate, 'blocked', 'a JSON POST: its preflight is not granted');
    t.equal(result.clearFaults, 'blocked', 'a DELETE: its preflight is not granted');

    const refused = seen.filter((line) => line.startsWith('POST') || line.startsWith('DELETE'));
    t.equal(refused.length, 7 + result.kids.length, 'every blind request reached the server');
    t.same(new Set(refused.map((line) => line.split(' ')[2])), new Set(['415']), '… and got a 415');
    t.ok(seen.includes('OPTIONS /_mock/keys/rotate 404'), "the JSON POST's preflight got no grant");
    t.ok(seen.includes('OPTIONS /_mock/faults 404'), "nor the DELETE's");
    t.notOk(
      seen.some((line) => /^(POST|DELETE) .* 200$/.test(line)),
      'and neither was sent after it',
    );
    t.same(await snapshot(idp), before, 'keys, clock, faults, pools and users are unchanged');
  });

  t.test('auto-submitted login forms from another origin sign nobody in', async (t) => {
    const { idp, signedIn } = await victim();
    const loginUrl = `${idp.url}/login?${authorizeQuery(spaId)}`;
    const form = (fields: string, before = '') => `<!doctype html><form method="post" action="${loginUrl.replace(/&/g, '&amp;')}">${fields}</form><script>${before}document.forms[0].submit()</script>`;
    const planted = 'planted.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const site = await hostileSite(t, {
      '/pick': form('<input name="pick" value="alice">'),
      '/password': form(`<input name="username" value="alice"><input name="password" value="${idp.services.directory.pool().users[0]!.password}">`),
      // Cookies do not keep ports apart: a page on another port of 127.0.0.1 can set the server's XSRF-TOKEN cookie.
      '/planted': form(`<input name="pick" value="alice"><input name="_csrf" value="${planted}">`, `document.cookie = 'XSRF-TOKEN=${planted}; path=/';`),
    });
    const page = await newPage(t);
    // The victim has seen the real login page, so the browser holds a real XSRF-TOKEN cookie.
    t.equal((await page.goto(loginUrl))!.status(), 200);
    for (const path of ['/pick', '/password', '/planted']) {
      const posted = page.waitForResponse((response) => response.url() === loginUrl && response.request().method() === 'POST');
      await page.goto(`${site}${path}`);
      const response = await posted;
      t.equal(response.status(), 403, `${path}: 403`);
      t.match(await response.text(), 'data-code="invalid_request"', `${path}: the form again, with the reason`);
      const cookies = await page.context().cookies(idp.url);
      t.notOk(
        cookies.some((c) => c.name.startsWith('mock-idp-session')),
        `${path}: no session cookie`,
      );
    }
    t.same(signedIn, [], 'no hosted-UI session was started');
  });

  t.test('DNS rebinding: a page on rebind.test (resolving to 127.0.0.1) reads and changes nothing', async (t) => {
    const { idp, seen, before } = await victim();
    const port = new URL(idp.url).port;
    const page = await newPage(t);
    const same = `(async () => {
      const pools = await fetch('/_mock/pools');
      const rotate = await fetch('/_mock/keys/rotate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const reset = await fetch('/_mock/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"keys": true}' });
      return { pools: pools.status, body: await pools.text(), rotate: rotate.status, reset: reset.status };
    })()`;

    // The control: from the server's own origin, this script does read the pools.
    await page.goto(`${idp.url}/health`);
    const own = await page.evaluate<{ pools: number; body: string }>(same.replace(/\/_mock\/keys\/rotate|\/_mock\/reset/g, '/_mock/nothing-here'));
    t.equal(own.pools, 200, 'same-origin from 127.0.0.1, the pools are readable (the test can see a read)');
    t.match(own.body, '"password"');

    const landing = await page.goto(`http://rebind.test:${port}/`);
    t.equal(landing!.status(), 403, "the page itself is not served under the attacker's name");
    const result = await page.evaluate<{ pools: number; body: string; rotate: number; reset: number }>(same);
    t.equal(new URL(page.url()).host, `rebind.test:${port}`, 'the script ran on the rebound origin');
    t.equal(result.pools, 403, 'GET /_mock/pools, same-origin: 403');
    t.equal(JSON.parse(result.body).code, 'HOST_NOT_ALLOWED');
    t.notMatch(result.body, /password|secret/, 'no pool data in the answer');
    t.equal(result.rotate, 403, 'POST /_mock/keys/rotate, same-origin JSON: 403');
    t.equal(result.reset, 403, 'POST /_mock/reset: 403');
    t.ok(seen.includes('POST /_mock/keys/rotate 403'), 'the requests did reach the server');
    t.same(await snapshot(idp), before, 'keys, clock, faults, pools and users are unchanged');
  });
}
