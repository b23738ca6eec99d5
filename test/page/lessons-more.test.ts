/**
 * The teaching page in a real browser, on one loaded page: rotating and
 * retiring keys (timeline and JWKS), shifting the server's clock until a
 * token expires, the matrix; then every other lesson from start to end: a
 * prediction and its reveal at each step, and the learner's own step, checked
 * wrong first and then right (ID or access token, the App Services login,
 * expiry, a caching verifier, algorithm confusion, a JWKS outage); and the
 * refresh-token lesson's message for a pool without a rotating client. The
 * server runs in-process on a manual clock; nothing sleeps.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { checkLesson as check } from '../helpers/lessons.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

/**
 * Starts lesson `id` and answers each step with `answers`; after each reveal,
 * `expect[i]` (when given) names an element that must show. Returns at the
 * learner's turn.
 */
async function runLesson(page: Page, id: string, answers: number[], expect: Array<string | null> = []): Promise<void> {
  await page.locator('#tab-lessons').click();
  await page.locator(`[data-start="${id}"]`).click();
  const of = answers.length + 1;
  for (const [index, choice] of answers.entries()) {
    await page.locator(`#lesson-progress:text-is("Step ${index + 1} of ${of}")`).waitFor();
    await page.locator(`#lesson-predict button[data-choice="${choice}"]`).click();
    await page.locator('#lesson-next:not([disabled])').waitFor();
    const right = await page.locator('#lesson-feedback').getAttribute('data-right');
    if (right !== 'true') throw new Error(`${id}, step ${index + 1}: choice ${choice} was not the right one: ${await page.locator('#lesson-step').textContent()}`);
    if (expect[index]) await page.locator(expect[index]).waitFor();
    await page.locator('#lesson-next').click();
  }
  await page.locator(`#lesson-progress:text-is("Step ${of} of ${of}")`).waitFor();
  await page.locator('#lesson-check:not([disabled])').waitFor();
}

/** Presses Finish and waits until the lesson has put the clock back. */
async function finish(page: Page): Promise<void> {
  await page.locator('#lesson-next:text-is("Finish")').click();
  await page.locator('#lesson-bar').waitFor({ state: 'hidden' });
  await page.locator('#clock-offset:text-is("real time")').waitFor();
}

/** Mints with the Mint form: `scenario` and `tokenUse`. */
async function mint(page: Page, scenario: string, tokenUse = 'id'): Promise<void> {
  await page.locator('#tab-mint').click();
  await page.locator('#mint-scenario').selectOption(scenario);
  await page.locator('#mint-token-use').selectOption(tokenUse);
  const before = await page.locator('#token-parts').textContent().catch(() => null);
  await page.locator('#mint-button').click();
  await page.locator('#token-parts').filter({ hasNotText: before ?? '\u0000' }).waitFor();
}

if (browser) {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  // bypassCSP: axe-core is injected once (the caching lesson's comparison); the server's CSP is unchanged.
  const page = await openPage(t, browser, idp.url, { bypassCSP: true }, {
    // The page is told the default pool has no client that rotates refresh tokens (the refresh lesson's message).
    beforeLoad: (page) =>
      page.route('**/_mock/pools', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { pools: Array<{ clients: Array<{ refreshTokenRotation: boolean }> }> };
        for (const pool of body.pools) for (const client of pool.clients) client.refreshTokenRotation = false;
        await route.fulfill({ response, json: body });
      }),
  });
  const clock = () => idp.clock.state();

  t.test('rotate: the timeline gains an active key, the old one retires, the JWKS publishes both; retire: it leaves', async (t) => {
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    const signer = (await page.locator('#decoded-header tr[data-claim="kid"] td.value').textContent())!.slice(1, -1);

    await page.locator('#tab-keys').click();
    await page.locator(`#key-timeline [data-use="id"] li[data-kid="${signer}"][data-state="active"].signer`).waitFor();
    t.equal(await page.locator('#jwks-view').getAttribute('data-kids').then((k) => k!.split(' ').length), 2, 'the JWKS as served: one key per token use');

    await page.locator('#rotate-id').click();
    await page.locator(`#key-timeline [data-use="id"] li[data-kid="${signer}"][data-state="retiring"]`).waitFor();
    const idKeys = page.locator('#key-timeline [data-use="id"] li');
    t.same(await idKeys.evaluateAll((keys) => keys.map((k) => k.getAttribute('data-state'))), ['retiring', 'active'], 'ID-token lane: the old key retiring, the new one active');
    t.match(await page.locator(`li[data-kid="${signer}"]`).textContent(), /signed the current token/, 'the signer is marked');
    const kids = (await page.locator('#jwks-view').getAttribute('data-kids'))!.split(' ');
    t.equal(kids.length, 3, 'the JWKS now has the new key too');
    t.ok(kids.includes(signer), 'and still the retiring one');
    t.equal(await page.locator('#jwks-view mark').textContent(), signer, "the signer's kid is highlighted in the JWKS");

    await page.locator(`button[data-retire="${signer}"]`).click();
    await page.locator(`#key-timeline li[data-kid="${signer}"][data-state="retired"]`).waitFor();
    await page.locator(`#jwks-view:not([data-kids*="${signer}"])`).waitFor();
    t.pass('retired: the key left the JWKS');
    t.ok(await page.locator('#keys-status').evaluate((el) => el === el.ownerDocument.activeElement), 'focus moves to the status line, not lost with the button');
  });

  t.test('shift the clock: a valid token expires, on the countdown and in the verifier', async (t) => {
    await mint(page, 'valid');
    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict.accepted').waitFor();

    await page.locator('#tab-time').click();
    t.match(await page.locator('#time-token').textContent(), /expires in/);
    await page.locator('button[data-shift="3600"]').click();
    await page.locator('#clock-offset:text-is("shifted +1 h")').waitFor();
    await page.locator('button[data-shift="300"]').click();
    await page.locator('#clock-offset:text-is("shifted +1 h 5 min")').waitFor();
    await page.locator('#time-token[data-expired="true"]').waitFor();
    t.match(await page.locator('#time-token').textContent(), /expired \d+ (min|s)/, 'the countdown says expired');
    t.equal(clock().offsetSeconds, 3900, "the server's clock moved");

    await page.locator('#tab-verify').click();
    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.equal(await page.locator('#verify-checks tr[data-check="exp"]').getAttribute('data-status'), 'failed');

    await page.locator('#tab-time').click();
    await page.locator('#time-reset').click();
    await page.locator('#time-token[data-expired="false"]').waitFor();
    t.equal(clock().offsetSeconds, 0, 'back to real time');
  });

  t.test('the matrix: every scenario and verifier, ⚠️ cells with their reasons', async (t) => {
    await page.locator('#tab-matrix').click();
    await page.locator('#matrix-table').waitFor();
    t.equal(await page.locator('#matrix-table tbody tr').count(), 17, 'a row per scenario');
    t.match(await page.locator('#matrix-table tr[data-scenario="missing-exp"]').textContent(), /⚠ ✓ accepted/);
    t.match(await page.locator('#matrix-notes').textContent(), /never expires/);
  });

  t.test('ID token or access token: WRONG_TOKEN_USE, then the learner gets it alone', async (t) => {
    // A fault left on the JWKS (by an instructor, another lesson): the lesson starts without it.
    idp.services.faults.set({ target: 'jwks', status: 503 });
    await runLesson(page, 'token-use', [0, 1, 1, 1, 1], [
      '#decoded-payload tr[data-claim="token_use"].lesson-look',
      '#decoded-payload tr[data-claim="client_id"].lesson-look',
      '#verify-verdict[data-code="WRONG_TOKEN_USE"]',
      '#verify-verdict[data-code="ACCEPTED"]',
      '#app-services-verdict.rejected',
    ]);
    t.match(await check(page), { ok: false, text: /checked as an access token, is accepted/ }, 'the form as the lesson left it: not the task');
    await mint(page, 'valid', 'id');
    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict').waitFor();
    await page.locator('#verify-token-use').selectOption('access');
    t.match(await check(page), { ok: true, text: /WRONG_TOKEN_USE/ });
    await finish(page);
  });

  t.test('the App Services login: where it looks less, then the learner finds a token it takes and the verifier refuses', async (t) => {
    await runLesson(page, 'app-services', [0, 0, 0, 1], ['#app-services-verdict.accepted', '#app-services-verdict.rejected', '#app-services-verdict.accepted', '#app-services-verdict.rejected']);
    t.match(await check(page), { ok: false, text: /App Services: refused/ }, 'the last step\'s token: both refuse it');
    await mint(page, 'wrong-issuer');
    t.match(await check(page), { ok: true, text: /WRONG_ISSUER/ });
    await finish(page);
  });

  t.test('watch a token expire, then the learner expires one with the clock', async (t) => {
    await runLesson(page, 'expiry', [0, 1, 1, 0], [null, '#time-token[data-expired="true"]', '#verify-verdict[data-code="EXPIRED"]', '#verify-verdict[data-code="ACCEPTED"]']);
    t.match(await check(page), { ok: false, text: /Mint a new token first/ });
    await mint(page, 'valid');
    t.match(await check(page), { ok: false, text: /accepted\. Move the server's clock/ });
    await page.locator('#tab-time').click();
    await page.locator('button[data-shift="3600"]').click();
    await page.locator('#clock-offset:text-is("shifted +1 h")').waitFor();
    await page.locator('button[data-shift="300"]').click();
    await page.locator('#clock-offset:text-is("shifted +1 h 5 min")').waitFor();
    t.match(await check(page), { ok: true, text: /EXPIRED/ });
    await finish(page);
    t.equal(clock().offsetSeconds, 0, 'Finish put the clock back');
  });

  t.test('a caching verifier beside a fresh fetch: a retired key still accepted from the cache, rejected past max-age, a new key at once; the learner makes them disagree', async (t) => {
    const both = (cached: string, fresh: string) =>
      `#cache-compare:not(.stale):has([data-verifier="caching"]${cached}):has([data-verifier="fresh"]${fresh})`;
    const startMs = idp.clock.now();
    await runLesson(page, 'caching', [1, 1, 1, 1], [
      both('[data-source="fetched"][data-code="ACCEPTED"]', '[data-code="ACCEPTED"]'),
      both('[data-source="cache"][data-code="ACCEPTED"]', '[data-code="UNKNOWN_KID"]'),
      both('[data-source="fetched"][data-code="UNKNOWN_KID"]', '[data-code="UNKNOWN_KID"]'),
      both('[data-source="fetched"][data-code="ACCEPTED"]', '[data-code="ACCEPTED"]'),
    ]);
    t.match(await page.locator('#cache-compare [data-verifier="caching"]').textContent(), /kid was not in its copy/, 'the last step: a refetch for an unknown kid');
    t.same(await axeViolations(page, { include: '#cache-compare' }), [], 'the comparison: no serious or critical violations');
    t.match(clock(), { fixed: true }, 'the lesson froze the clock');
    t.equal(Math.round((idp.clock.now() - startMs) / 1000), 301 + 60, "the lesson moved the server's clock past max-age (300 s), then a minute");
    t.match(await page.locator('#jwks-meta').textContent(), /Cache-Control/, 'the headers the first step points at');

    t.match(await check(page), { ok: false, text: /Mint a new token first/ });
    await mint(page, 'valid');
    t.match(await check(page), { ok: false, text: /Both accept it/ });
    const signer = (await page.locator('#decoded-header tr[data-claim="kid"] td.value').textContent())!.slice(1, -1);
    await page.locator('#tab-keys').click();
    await page.locator('#rotate-id:not([disabled])').click();
    await page.locator(`#key-timeline li[data-kid="${signer}"][data-state="retiring"]`).waitFor();
    await page.locator(`button[data-retire="${signer}"]`).click();
    await page.locator(`#jwks-view:not([data-kids*="${signer}"])`).waitFor();
    t.match(await check(page), { ok: true, text: /accepts it from its copy \(0 s old\), the fresh fetch says UNKNOWN_KID/ });
    await finish(page);
    t.equal(idp.services.cachingVerifiers.size, 1, "one caching verifier: the pool's JWKS URI");
  });

  t.test('algorithm confusion: alg none and HS256 refused before the signature; the learner mints one as an access token', async (t) => {
    await runLesson(page, 'algorithms', [1, 1], ['#verify-checks tr[data-check="algorithm"][data-status="failed"].lesson-look', '#verify-verdict[data-code="ALG_NOT_ALLOWED"]']);
    t.match(await page.locator('#decoded-header tr[data-claim="alg"]').textContent(), /HS256/);
    await mint(page, 'alg-none', 'id');
    t.match(await check(page), { ok: false, text: /it is an ID token/ });
    await mint(page, 'hs256-with-public-key', 'access');
    t.match(await check(page), { ok: true, text: /ALG_NOT_ALLOWED/ });
    await finish(page);
  });

  t.test('a JWKS outage: JWKS_UNAVAILABLE, then accepted once it is back; the learner retries through a two-request outage', async (t) => {
    await runLesson(page, 'jwks-outage', [1, 0], ['#verify-verdict[data-code="JWKS_UNAVAILABLE"]', '#verify-verdict[data-code="ACCEPTED"]']);
    t.match(idp.services.faults.list(), [{ target: 'jwks', remaining: 2 }], 'your turn: two failing requests set');
    t.match(await check(page), { ok: false, text: /fail 2 more times/ });
    await page.locator('#tab-verify').click();
    for (const left of [1, 0]) {
      await page.locator('#verify-button:not([disabled])').click();
      await page.locator('#verify-verdict[data-code="JWKS_UNAVAILABLE"]').waitFor();
      await page.locator('#verify-button:not([disabled])').waitFor();
      t.equal(idp.services.faults.list()[0]?.remaining ?? 0, left);
    }
    t.match(await check(page), { ok: true, text: /retrying was enough/ });
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="jwks-outage"]').click();
    await page.locator('#lesson-predict:not([disabled])').waitFor();
    await page.locator('#lesson-predict button[data-choice="1"]').click();
    await page.locator('#verify-verdict[data-code="JWKS_UNAVAILABLE"]').waitFor();
    t.match(idp.services.faults.list(), [{ target: 'jwks', remaining: null }], 'a second run: the outage set again');
    await page.locator('#lesson-stop').click();
    await page.locator('#lesson-bar').waitFor({ state: 'hidden' });
    await page.locator('#tab-lessons[aria-selected="true"]').waitFor();
    // Ending puts things back after the bar has gone: a few frames.
    for (let i = 0; i < 100 && idp.services.faults.list().length > 0; i++) await page.evaluate('new Promise(requestAnimationFrame)');
    t.same(idp.services.faults.list(), [], 'ended early: no fault left');
  });

  t.test('a server whose default pool has no rotating client: the refresh lesson says what to configure', async (t) => {
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="refresh-rotation"]').click();
    await page.locator('#lesson-step .error').waitFor();
    t.match(await page.locator('#lesson-step .error').textContent(), /has no client with refresh-token rotation.*"refreshTokenRotation": true/);
    t.match(await page.locator('#lesson-progress').textContent(), /^Step 1 of 5/, 'never "Step 0"');
    t.equal(await page.locator('#lesson-next').textContent(), 'Try again');
    await page.locator('#lesson-stop').click();
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(clock(), { fixed: false, offsetSeconds: 0 }, 'the clock the lesson froze is back');
  });
}
