/**
 * A verdict belongs to the token it was reached for: a new mint, or an edit
 * of the Verify box, greys the old verdict ("for the previous token: verify
 * again"), and so the App Services answer. Chromium, in-process server,
 * manual clock.
 */
import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('expired, verified, then a valid mint: the EXPIRED verdict is greyed until verified again', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-scenario').selectOption('expired');
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.notOk(await page.locator('#verify-result').evaluate((el) => el.classList.contains('stale')), 'fresh: not greyed');

    await page.locator('#tab-mint').click();
    await page.locator('#mint-scenario').selectOption('valid');
    await page.locator('#mint-button').click();
    await page.locator('#verify-result.stale').waitFor({ state: 'attached' });
    t.equal(await page.locator('#verify-result .stale-note').textContent(), 'For the previous token: verify again.');
    t.equal(await page.locator('#verify-verdict').getAttribute('data-code'), 'EXPIRED', 'the old verdict is still there, greyed');
    t.equal(await page.locator('#verify-result > :first-child').getAttribute('class'), 'stale-note', 'the note comes first');

    await page.locator('#tab-verify').click();
    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict[data-code="ACCEPTED"]').waitFor();
    t.notOk(await page.locator('#verify-result').evaluate((el) => el.classList.contains('stale')), 'verified again: not greyed');
    t.equal(await page.locator('#verify-result .stale-note').count(), 0, 'and no note');
  });

  t.test('editing the box greys the verdict; putting the token back ungreys it', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict[data-code="ACCEPTED"]').waitFor();
    const box = page.locator('#verify-token');
    const token = await box.inputValue();
    await box.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.locator('#verify-result.stale').waitFor({ state: 'attached' });
    t.pass('a typed character greys the verdict');
    await page.keyboard.press('Backspace');
    t.equal(await box.inputValue(), token);
    t.notOk(await page.locator('#verify-result').evaluate((el) => el.classList.contains('stale')), 'the same token again: the verdict is its own');
  });

  t.test('the App Services answer is greyed after a new mint', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#tab-verify').click();
    await page.locator('#app-services-button').click();
    await page.locator('#app-services-verdict.accepted').waitFor();
    await page.locator('#tab-mint').click();
    await page.locator('#mint-button').click();
    await page.locator('#app-services-result.stale').waitFor({ state: 'attached' });
    t.equal(await page.locator('#app-services-result .stale-note').textContent(), 'For the previous token: log in again.');
    t.equal(await page.locator('#app-services-verdict').count(), 1, 'its answer is still shown, greyed');
  });
}
