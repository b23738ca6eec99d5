/**
 * The teaching page at one screen size: no tab scrolls sideways and every matrix cell fits its column; from the
 * projector's size up, Mint is above the fold; after "Verify this token" the verdict has the focus and is on
 * screen. With MOCK_IDP_SCREENSHOTS=1, screenshots of each tab go to .tap/screenshots/layout-<width>-<tab>.png.
 * test/page/layout.test.ts drives every size through one page, resized between them (a page load costs more
 * than the checks).
 */
import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import { screenshot } from './browser.js';

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

/** The Mint tab, scrolled to the top: its button's bottom is within the viewport's height. */
export async function mintAboveTheFold(t: Test, page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.locator('#tab-mint').click();
  await page.locator('#mint-button').waitFor();
  await page.evaluate('window.scrollTo(0, 0)');
  const mint = (await page.locator('#mint-button').boundingBox())!;
  t.ok(mint.y + mint.height <= viewport.height, `${viewport.width} px: Mint is above the fold (its bottom at ${Math.round(mint.y + mint.height)} px)`);
}

/**
 * Mints a token of `scenario` and verifies it: the verdict has the focus, and it is on screen (with the failed row
 * when a check fails). Screenshot: layout-<width>-verify-<scenario>.png.
 */
export async function verdictOnScreen(t: Test, page: Page, viewport: { width: number; height: number }, scenario: string): Promise<void> {
  await mintAndVerify(page, scenario);
  await page.locator('#verify-verdict:focus').waitFor();
  t.pass(`${viewport.width} px, ${scenario}: focus moved to the verdict`);
  for (const selector of ['#verify-verdict', ...(scenario === 'valid' ? [] : ['#verify-checks tr.failed'])]) {
    const box = (await page.locator(selector).boundingBox())!;
    t.ok(box.y >= 0 && box.y + box.height <= viewport.height + 1, `${viewport.width} px, ${scenario}: ${selector} is on screen (${Math.round(box.y)}–${Math.round(box.y + box.height)} px)`);
  }
  await screenshot(page, `layout-${viewport.width}-verify-${scenario}`);
}

/** Every tab at the page's current `viewport` (after a mint and a verify): no sideways scrolling, every matrix cell fits. */
export async function checkEveryTabFits(t: Test, page: Page, viewport: { width: number; height: number }): Promise<void> {
  for (const [tab, ready] of tabs) {
    await page.locator(`#tab-${tab}`).click();
    await page.locator(ready).first().waitFor();
    t.equal(await overflow(page), 0, `${viewport.width} px, ${tab}: no horizontal scroll`);
    await screenshot(page, `layout-${viewport.width}-${tab}`);
  }
  const cells = await page.locator('#matrix-table td').evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent));
  t.same(cells, [], `${viewport.width} px: every matrix cell fits its column: codes break at their underscores`);
}
