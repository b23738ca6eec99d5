/**
 * What axe-core cannot see on the teaching page: the tabs inside a landmark,
 * live regions that say one short line (the verdict, never a whole token or a
 * countdown ticking), the focus on the verdict after "Verify this token",
 * Retire buttons named by their visible label, and the matrix's linked notes
 * and "Try it". The tests share one page.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

/** The text of every live region (aria-live, status, alert, log), longest first. */
const liveRegionTexts = (page: Page) =>
  page.locator('body').evaluate((body) =>
    [...body.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')]
      .map((region) => (region.textContent ?? '').trim())
      .sort((a, b) => b.length - a.length),
  );

if (browser) {
  // One page for both tests, in order: a page load costs more than the checks.
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const page = await openAuditPage(t, browser, idp.url);

  t.test('landmarks, names, live regions and focus', async (t) => {
    t.equal(await page.locator('#tabs').evaluate((tabs) => tabs.closest('nav, header, main, aside, [role="navigation"]')?.tagName), 'NAV', 'the tablist is inside a landmark');

    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    const token = await page.locator('#verify-token').inputValue();
    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict:focus').waitFor();
    t.pass('after "Verify this token" the focus is on the verdict');
    await page.locator('#announcer:text-is("mock-idp/verifier accepts the token.")').waitFor();
    t.pass('the verdict line is announced');
    const texts = await liveRegionTexts(page);
    t.ok(texts.every((text) => !text.includes(token.slice(0, 40))), 'no live region holds the token');
    t.ok(texts[0]!.length < 300, `every live region says a short line (the longest: ${texts[0]!.length} characters)`);

    await page.locator('#tab-time').click();
    t.equal(await page.locator('#time-token').evaluate((el) => el.closest('[aria-live], [role="status"], [role="log"]')), null, 'the countdown is not read out every second');
    await page.locator('button[data-shift="3600"]').click();
    await page.locator('#time-token[data-expired="true"]').waitFor();
    await page.locator('#announcer:text-is("The token has expired (server clock).")').waitFor();
    t.pass('the moment it expires is announced, once');

    await page.locator('#tab-keys').click();
    const retire = page.getByRole('button', { name: /^Retire now: key / });
    await retire.first().waitFor();
    t.equal(await retire.count(), await page.locator('button[data-retire]').count(), 'each Retire button\'s name starts with its visible label');
  });

  t.test('the matrix: Try it mints the scenario and verifies it; each ⚠ cell links to its note', async (t) => {
    await page.locator('#tab-matrix').click();
    await page.locator('#matrix-table').waitFor();
    const link = page.locator('#matrix-table tr[data-scenario="missing-exp"] sup a').first();
    const target = (await link.getAttribute('href'))!;
    t.match(await page.locator(target).textContent(), /^missing-exp: \S/, 'the cell links to its note');
    t.ok(await page.locator(`#matrix-notes > li:has(${target}) h4`).isVisible(), 'notes are grouped under their library');
    await page.getByRole('button', { name: 'Try it: mint and verify expired' }).click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.equal(await page.locator('#tab-verify').getAttribute('aria-selected'), 'true', 'the Verify tab shows the verdict');
    t.equal(await page.locator('#mint-scenario').inputValue(), 'expired');
  });
}
