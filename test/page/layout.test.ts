/**
 * The teaching page at every screen size it is made for: a phone (390 px), a
 * projector (1280×720) and a large screen (1920 px). In each tab, after a mint
 * and a verify, the page never scrolls sideways and every matrix cell fits
 * its column; on the projector and the large screen Mint is above the fold.
 * Screenshots of each tab at each size go to .tap/screenshots/ (the Keys panel
 * after many rotations: layout-keys.test.ts).
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** What each tab shows once it has loaded. */
const tabs: Array<[tab: string, ready: string]> = [
  ['mint', '#token-parts'],
  ['verify', '#verify-verdict'],
  ['keys', '#key-timeline li.key'],
  ['time', '#time-token'],
  ['triggers', '#triggers-pool'],
  ['matrix', '#matrix-table'],
  ['lessons', '#lesson-list li'],
];

/** How far the page reaches past the viewport's right edge (0: no horizontal scroll). */
const overflow = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth - window.innerWidth');

/** Mints a token of `scenario` and verifies it with "Verify this token". */
async function mintAndVerify(page: Page, scenario = 'expired'): Promise<void> {
  await page.locator('#tab-mint').click();
  await page.locator('#mint-scenario').selectOption(scenario);
  await page.locator('#mint-button').click();
  await page.locator('#token-parts').waitFor();
  await page.locator('#mint-verify-button:not([disabled])').click();
  await page.locator('#verify-verdict').waitFor();
}

if (browser) {
  for (const viewport of sizes) {
    t.test(`${viewport.width}×${viewport.height}: no tab scrolls sideways`, async (t) => {
      const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
      const page = await openAuditPage(t, browser, idp.url, viewport);
      if (viewport.width >= 1280) {
        const mint = (await page.locator('#mint-button').boundingBox())!;
        t.ok(mint.y + mint.height <= viewport.height, `Mint is above the fold (its bottom at ${Math.round(mint.y + mint.height)} px)`);
      }
      await mintAndVerify(page);
      for (const [tab, ready] of tabs) {
        await page.locator(`#tab-${tab}`).click();
        await page.locator(ready).first().waitFor();
        t.equal(await overflow(page), 0, `${tab}: no horizontal scroll`);
        await screenshot(page, `layout-${viewport.width}-${tab}`);
      }
      const cells = await page.locator('#matrix-table td').evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent));
      t.same(cells, [], 'every matrix cell fits its column: codes break at their underscores');
    });
  }
}
