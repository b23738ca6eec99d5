/**
 * Instructor mode (src/page/instructor.ts): on from the address (`?instructor`)
 * and from the header's toggle, larger type, a verdict strip that stays on
 * screen and follows mint and verify, and "Reset the class" (clock, faults,
 * keys, checked through the control API). One page for the whole file,
 * resized rather than reloaded; chromium, in-process server, manual clock.
 */
import t from 'tap';
import { axeViolations, openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { call, startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { overflow } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('instructor mode: the address, the toggle, the strip, reset the class', async (t) => {
    const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
    const page = await openAuditPage(t, browser, `${idp.url}/?instructor`);
    const rootFontPx = () => page.evaluate<number>('parseFloat(getComputedStyle(document.documentElement).fontSize)');
    const strip = page.locator('#instructor-strip');
    const toggle = page.locator('#instructor-toggle');

    // On from the address.
    t.equal(await toggle.getAttribute('aria-pressed'), 'true', '?instructor turns it on');
    t.ok(await strip.isVisible(), 'the verdict strip is shown');
    t.ok(await page.locator('#reset-class').isVisible(), 'and Reset the class');
    t.equal(await rootFontPx(), 22, 'larger type at 1280 px');
    const mint = (await page.locator('#mint-button').boundingBox())!;
    t.ok(mint.y + mint.height <= (await strip.boundingBox())!.y, 'on a projector (1280×720) Mint is above the strip');

    // Off and on again from the toggle, by keyboard; the address follows (a bookmark keeps it).
    await toggle.focus();
    await page.keyboard.press('Enter');
    t.equal(await toggle.getAttribute('aria-pressed'), 'false', 'Enter on the toggle turns it off');
    t.notOk(await strip.isVisible(), 'no strip');
    t.equal(await rootFontPx(), 20, 'the usual type');
    t.notMatch(page.url(), /instructor/, 'the address loses ?instructor');
    await page.keyboard.press('Space');
    t.equal(await toggle.getAttribute('aria-pressed'), 'true', 'Space turns it on again');
    t.match(page.url(), /\?instructor$/, 'the address has ?instructor again');

    // The strip follows the current token: the scenario's verdict after a mint, the verifier's after a verify.
    await page.locator('#mint-scenario').selectOption('expired');
    await page.locator('#mint-button').click();
    await page.locator('#strip-verdict', { hasText: 'Not verified yet' }).waitFor();
    t.match(await page.locator('#strip-token').textContent(), /ID token for alice/, 'the strip names the token');
    t.equal(await page.locator('#strip-verdict').textContent(), 'A correct verifier rejects it with EXPIRED. Not verified yet.', 'after a mint: what a correct verifier does');
    await page.locator('#mint-verify-button').click();
    await page.locator('#strip-verdict', { hasText: 'mock-idp/verifier rejects the token: EXPIRED' }).waitFor();
    t.equal(await page.locator('#strip-verdict').getAttribute('data-state'), 'rejected', 'after a verify: the verifier\'s verdict, in red');
    await page.evaluate('window.scrollTo(0, document.scrollingElement.scrollHeight)');
    t.ok(await page.evaluate<number>('window.scrollY') > 0, 'the page scrolled');
    const box = (await strip.boundingBox())!;
    t.ok(box.y >= 0 && box.y + box.height <= 720, `the strip stays on screen after scrolling (at ${Math.round(box.y)} px)`);

    // Reset the class: a clock an hour ahead, a JWKS fault, a rotation; then Cancel changes nothing.
    t.equal((await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 3600 })).status, 200);
    t.equal((await call(idp, 'POST', '/_mock/faults', { target: 'jwks', status: 503 })).status, 200);
    t.equal((await call(idp, 'POST', '/_mock/keys/rotate', {})).status, 200);
    const oldKids = new Set(((await call(idp, 'GET', '/_mock/keys')).body.keys as Array<{ kid: string }>).map((k) => k.kid));
    await page.locator('#reset-class').click();
    await page.locator('#reset-dialog[open]').waitFor();
    t.same(await axeViolations(page, { include: '#instructor-controls, #instructor-strip, #reset-dialog' }), [], 'axe-core: the toggle, the strip and the dialog have no serious or critical violations');
    await page.keyboard.press('Escape');
    await page.locator('#reset-dialog:not([open])').waitFor({ state: 'attached' });
    t.equal((await call(idp, 'GET', '/_mock/clock')).body.offsetSeconds, 3600, 'Escape: nothing reset');

    // Confirmed by keyboard (Cancel has the focus; Reset is the button before it).
    await page.locator('#reset-class').click();
    await page.locator('#reset-dialog[open]').waitFor();
    await page.keyboard.press('Shift+Tab');
    t.equal(await page.evaluate<string>('document.activeElement.id'), 'reset-confirm', 'Reset the class is one Shift+Tab away');
    await page.keyboard.press('Enter');
    await page.locator('#announcer', { hasText: 'Class reset' }).waitFor({ state: 'attached' });
    t.match(await page.locator('#announcer').textContent(), /^Class reset: the clock is on real time, no faults, \d+ fresh keys\.$/, 'a short announcement');
    t.equal(await page.evaluate<string>('document.activeElement.id'), 'reset-class', 'the focus is back on the reset button');
    const clock = (await call(idp, 'GET', '/_mock/clock')).body;
    t.same([clock.offsetSeconds, clock.fixed], [0, false], 'the clock is on real time');
    t.same((await call(idp, 'GET', '/_mock/faults')).body.faults, [], 'no faults');
    const keys = (await call(idp, 'GET', '/_mock/keys')).body.keys as Array<{ kid: string }>;
    t.ok(keys.length > 0 && keys.every((k) => !oldKids.has(k.kid)), 'fresh keys: none of the old kids');
    t.match(await page.locator('#strip-token').textContent(), /^Class reset/, 'the strip says so');

    // Every screen: no sideways scroll, the strip on screen, the type scaled.
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      t.equal(await overflow(page), 0, `${viewport.width} px: no horizontal scroll`);
      const at = (await strip.boundingBox())!;
      t.ok(at.y >= 0 && at.y + at.height <= viewport.height, `${viewport.width} px: the strip is on screen`);
    }
    t.equal(await rootFontPx(), 30, 'larger type at 1920 px');
  });
}
