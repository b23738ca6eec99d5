/**
 * The teaching page in a real browser (Debian's chromium through
 * playwright-core): mint and decode, verify with the project's verifier, the
 * App Services login, keyboard use. The server runs in-process on a manual
 * clock; nothing sleeps (Playwright waits for what the page shows).
 */
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('mint a valid token: three coloured parts, header and payload decoded and explained, a countdown', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();

    const parts = await Promise.all(['.jwt-header', '.jwt-payload', '.jwt-signature'].map((c) => page.locator(`#token-parts ${c}`).textContent()));
    t.match(parts[0], /^eyJraWQiOi/, 'the header part, as Cognito\'s tokens start');
    t.equal(parts.join('.'), await page.locator('#verify-token').inputValue(), 'the parts make up the token, which the Verify form now holds');

    const kid = await page.locator('#decoded-header tr[data-claim="kid"] td.value').textContent();
    t.match(kid, /^"[A-Za-z0-9+/=]{44}"$/, 'the decoded kid');
    t.equal(await page.locator('#decoded-payload tr[data-claim="token_use"] td.value').textContent(), '"id"');
    t.match(await page.locator('#decoded-payload tr[data-claim="exp"] td.value').textContent(), /\(2030-01-01 01:00:00 UTC\)/, 'exp as a date, an hour after the server\'s time');
    for (const claim of ['origin_jti', 'auth_time', 'cognito:groups', 'aud', 'token_use']) {
      t.match(await page.locator(`#decoded-payload tr[data-claim="${claim}"] td:last-child`).textContent(), /^\S+( \S+){5}/, `${claim} is explained in a sentence`);
    }
    t.match(await page.locator('#mint-countdown').textContent(), /expires in (59 min|1 h)/, 'the countdown, on the server\'s clock');
    t.match(await page.locator('#mint-expected').textContent(), /A correct verifier accepts it/);
    await screenshot(page, 'mint');
  });

  t.test('mint expired: the exp row fails with the scenario\'s explanation and advice', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-scenario').selectOption('expired');
    t.match(await page.locator('#scenario-explanation').textContent(), /five minutes in the past.*rejects it with EXPIRED/, 'the scenario explained before minting');
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#mint-verify-button').click();

    await page.locator('#verify-checks tr[data-check="exp"][data-status="failed"]').waitFor();
    t.equal(await page.locator('#tab-verify').getAttribute('aria-selected'), 'true', 'the Verify tab is shown');
    t.equal(await page.locator('#verify-verdict').getAttribute('data-code'), 'EXPIRED');
    const statuses = await page.locator('#verify-checks tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-check')}:${r.getAttribute('data-status')}`));
    t.same(statuses, [
      'format:passed', 'algorithm:passed', 'kid:passed', 'signature:passed', 'payload:passed', 'claims:passed', 'issuer:passed',
      'exp:failed', 'nbf:skipped', 'iat:skipped', 'token_use:skipped', 'audience:skipped',
    ], 'passed up to exp, not reached after it');
    t.match(await page.locator('#verify-checks tr[data-check="exp"]').textContent(), /5 min ago.*EXPIRED: the token expired at/);
    t.match(await page.locator('#verify-explanation').textContent(), /Scenario “Expired”: The token's exp is five minutes in the past/);
    t.match(await page.locator('#verify-advice').textContent(), /What to do about it.*let the client refresh/);
    await screenshot(page, 'verify', { fullPage: true });
    await page.locator('#app-services-button').click();
    await page.locator('#app-services-verdict').waitFor();
    t.match(await page.locator('#app-services-verdict').textContent(), /App Services refuses the token: 401 AuthError: Token is expired/);
  });

  t.test('the App Services login accepts a valid ID token and shows the mapped profile', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#tab-verify').click();
    await page.locator('#app-services-button').click();
    await page.locator('#app-services-verdict.accepted').waitFor();
    t.match(await page.locator('#app-services-result').textContent(), /logged in as user [0-9a-f]{24}.*"email":"alice\.\w+@example\.com".*"groups":\["admin","editors"\]/);
  });

  t.test('keyboard: tabs with the arrow keys, the form with Tab and Enter, a visible focus', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-mint').focus();
    await page.keyboard.press('ArrowRight');
    t.equal(await page.locator('#tab-verify').getAttribute('aria-selected'), 'true', 'ArrowRight selects the next tab');
    t.ok(await page.locator('#tab-verify').evaluate((el) => el === el.ownerDocument.activeElement), 'and focuses it');
    t.ok(await page.locator('#panel-verify').isVisible(), 'its panel is shown');
    t.notOk(await page.locator('#panel-mint').isVisible(), 'the other panels are hidden');
    await page.keyboard.press('End');
    t.equal(await page.locator('#tab-lessons').getAttribute('aria-selected'), 'true', 'End: the last tab');
    await page.keyboard.press('Home');
    t.equal(await page.locator('#tab-mint').getAttribute('tabindex'), '0', 'Home: the first tab, the only one in the tab order');

    const outline = await page.locator('#tab-mint').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).outlineStyle);
    t.equal(outline, 'solid', 'the focused tab has a visible outline');
    await page.locator('#mint-scenario').focus();
    await page.keyboard.press('Tab');
    t.equal(await page.locator('#mint-claims-editor summary').evaluate((el) => el === el.ownerDocument.activeElement), true, 'Tab: the claims editor (a <details>)');
    await page.keyboard.press('Tab');
    t.equal(await page.locator('#mint-button').evaluate((el) => el === el.ownerDocument.activeElement), true, 'Tab: the Mint button');
    await page.keyboard.press('Enter');
    await page.locator('#token-parts').waitFor();
    t.pass('Enter mints');
  });
}
