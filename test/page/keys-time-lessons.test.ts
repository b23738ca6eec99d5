/**
 * The teaching page in a real browser: rotating and retiring keys (timeline and
 * JWKS), shifting the server's clock until a token expires, the matrix, and a
 * guided lesson from start to end. The server runs in-process on a manual
 * clock; nothing sleeps.
 */
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('rotate: the timeline gains an active key, the old one retires, the JWKS publishes both; retire: it leaves', async (t) => {
    const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
    const page = await openPage(t, browser, idp.url);
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
    t.match(await page.locator(`li[data-kid="${signer}"]`).textContent(), /signed the current token.*/, 'the signer is marked');
    const kids = (await page.locator('#jwks-view').getAttribute('data-kids'))!.split(' ');
    t.equal(kids.length, 3, 'the JWKS now has the new key too');
    t.ok(kids.includes(signer), 'and still the retiring one');
    t.equal(await page.locator('#jwks-view mark').textContent(), signer, 'the signer\'s kid is highlighted in the JWKS');
    await screenshot(page, 'keys');

    await page.locator(`button[data-retire="${signer}"]`).click();
    await page.locator(`#key-timeline li[data-kid="${signer}"][data-state="retired"]`).waitFor();
    await page.locator(`#jwks-view:not([data-kids*="${signer}"])`).waitFor();
    t.pass('retired: the key left the JWKS');
    t.ok(await page.locator('#keys-status').evaluate((el) => el === el.ownerDocument.activeElement), 'focus moves to the status line, not lost with the button');
  });

  t.test('shift the clock: a valid token expires, on the countdown and in the verifier', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
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
    t.match(await page.locator('#clock-offset').textContent(), /shifted \+1 h 5 min/);
    t.equal(idp.clock.state().offsetSeconds, 3900, 'the server\'s clock moved');

    await page.locator('#tab-verify').click();
    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.equal(await page.locator('#verify-checks tr[data-check="exp"]').getAttribute('data-status'), 'failed');

    await page.locator('#tab-time').click();
    await page.locator('#time-reset').click();
    await page.locator('#time-token[data-expired="false"]').waitFor();
    t.equal(idp.clock.state().offsetSeconds, 0, 'back to real time');
  });

  t.test('the matrix: every scenario and verifier, ⚠️ cells with their reasons', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-matrix').click();
    await page.locator('#matrix-table').waitFor();
    t.equal(await page.locator('#matrix-table tbody tr').count(), 17, 'a row per scenario');
    t.match(await page.locator('#matrix-table tr[data-scenario="missing-exp"]').textContent(), /⚠ ✓ accepted/);
    t.match(await page.locator('#matrix-notes').textContent(), /never expires/);
    await page.locator('#matrix-token-use').selectOption('access');
    await page.locator('#matrix-table caption:has-text("access")').waitFor();
    t.notMatch(await page.locator('#matrix-table thead').textContent(), /App Services/, 'access tokens: no App Services column');
  });

  t.test('a guided lesson, from start to end: why does my token fail after a key rotation?', async (t) => {
    // Real RSA keys for the rotation (one key, ~0.2 s): this test's screenshot is the README's, so its kids are real thumbprints.
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-lessons').click();
    t.ok((await page.locator('#lesson-list > li').count()) >= 3, 'at least three lessons');
    await page.locator('[data-start="rotation"]').click();

    const next = page.locator('#lesson-next:not([disabled])');
    const expectations: Array<[string, string]> = [
      ['Step 1 of 6', '#mint-result #token-parts'],
      ['Step 2 of 6', '#verify-verdict.accepted'],
      ['Step 3 of 6', '#key-timeline [data-state="retiring"].signer'],
      ['Step 4 of 6', '#verify-verdict.accepted'],
      ['Step 5 of 6', '#key-timeline [data-state="retired"].signer'],
      ['Step 6 of 6', '#verify-verdict[data-code="UNKNOWN_KID"]'],
    ];
    for (const [index, [progress, selector]] of expectations.entries()) {
      if (index > 0) await next.click();
      await page.locator(`#lesson-progress:has-text("${progress}")`).waitFor();
      await next.waitFor();
      await page.locator(selector).waitFor();
      t.pass(`${progress}: ${await page.locator('#lesson-step strong').textContent()}`);
      if (index === 2) await screenshot(page, 'lesson');
    }
    t.match(await page.locator('#lesson-progress').textContent(), /Lesson complete/);
    t.match(await page.locator('#lesson-step').textContent(), /UNKNOWN_KID/);
    t.equal(await page.locator('#lesson-next').textContent(), 'Finish');
    await page.locator('#lesson-next').click();
    t.ok(await page.locator('#lesson-bar').isHidden(), 'Finish closes the lesson');
    t.equal(await page.locator('#tab-lessons').getAttribute('aria-selected'), 'true', 'back to the list');
  });
}
