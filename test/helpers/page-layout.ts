/**
 * The teaching page at one screen size: after a mint and a verify, no tab
 * scrolls sideways and every matrix cell fits its column; from the projector's
 * size up, Mint is above the fold. Screenshots of each tab go to
 * .tap/screenshots/layout-<width>-<tab>.png. One file per size
 * (test/page/layout*.test.ts), so each stays well inside tap's timeout.
 */
import type { Browser, Page } from 'playwright-core';
import type { Test } from 'tap';
import { openAuditPage } from './axe.js';
import { screenshot } from './browser.js';
import { startTestIdp } from './idp.js';
import { fastKeyFactory } from './key-factory.js';

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
export const overflow = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth - window.innerWidth');

/** Mints a token of `scenario` and verifies it with "Verify this token". */
export async function mintAndVerify(page: Page, scenario = 'expired'): Promise<void> {
  await page.locator('#tab-mint').click();
  await page.locator('#mint-scenario').selectOption(scenario);
  await page.locator('#mint-button').click();
  await page.locator('#token-parts').waitFor();
  await page.locator('#mint-verify-button:not([disabled])').click();
  await page.locator('#verify-verdict').waitFor();
}

/** Every tab at `viewport`, checked for sideways scrolling after a mint and a verify. */
export async function checkEveryTabFits(t: Test, browser: Browser, viewport: { width: number; height: number }): Promise<void> {
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
}
