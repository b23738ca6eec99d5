/**
 * The teaching page's Keys panel after many rotations, at a phone's width and
 * a projector's: the cards stay inside their column, old retired keys fold
 * into "+N retired" and the ★ card of the current token shows. And on the
 * projector, the verdict stays on screen (with the focus) while the failed row
 * is scrolled into view.
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
];

/** How far the page reaches past the viewport's right edge (0: no horizontal scroll). */
const overflow = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth - window.innerWidth');

/** Mints a token of `scenario` and verifies it with "Verify this token". */
async function mintAndVerify(page: Page, scenario: string): Promise<void> {
  await page.locator('#mint-scenario').selectOption(scenario);
  await page.locator('#mint-button').click();
  await page.locator('#token-parts').waitFor();
  await page.locator('#mint-verify-button:not([disabled])').click();
  await page.locator('#verify-verdict').waitFor();
}

if (browser) {
  for (const [viewport, scenario] of [
    [sizes[1]!, 'expired'],
    [sizes[0]!, 'valid'],
  ] as const) {
    t.test(`${viewport.width} px, ${scenario}: after Verify this token the verdict has the focus and is on screen (with the failed row)`, async (t) => {
      const idp = await startTestIdp(t);
      const page = await openAuditPage(t, browser, idp.url, viewport);
      await mintAndVerify(page, scenario);
      await page.locator('#verify-verdict:focus').waitFor();
      t.pass('focus moved to the verdict');
      for (const selector of ['#verify-verdict', ...(scenario === 'valid' ? [] : ['#verify-checks tr.failed'])]) {
        const box = (await page.locator(selector).boundingBox())!;
        t.ok(box.y >= 0 && box.y + box.height <= viewport.height, `${selector} is on screen (${Math.round(box.y)}–${Math.round(box.y + box.height)} px)`);
      }
      await screenshot(page, `layout-${viewport.width}-verify-${scenario}`);
    });
  }

  for (const viewport of sizes) {
    t.test(`${viewport.width} px: after three rotations the Keys panel stays in its column; old retired keys fold into "+N retired"`, async (t) => {
      const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
      const page = await openAuditPage(t, browser, idp.url, viewport);
      await page.locator('#mint-button').click();
      await page.locator('#token-parts').waitFor();
      await page.locator('#tab-keys').click();
      const lane = page.locator('#key-timeline [data-use="id"]');
      await lane.locator('li.signer').waitFor();
      for (let i = 1; i <= 3; i++) {
        await page.locator('#rotate-id:not([disabled])').click();
        await lane.locator(':scope > ol > li[data-state="retiring"]').nth(i - 1).waitFor();
      }
      // The three replaced keys (the signer first) leave the JWKS now.
      for (let i = 1; i <= 3; i++) {
        await lane.locator('button[data-retire]').first().click();
        await lane.locator(':scope > ol > li[data-state="retiring"]').nth(3 - i).waitFor({ state: 'detached' });
      }
      await lane.locator('li.folded summary:text-is("+1 retired")').waitFor();
      t.pass('the retired key neither newest nor the signer is folded');
      t.ok(await lane.locator('li.signer').isVisible(), 'the ★ card of the current token shows');
      t.match(await lane.locator('li.signer').textContent(), /★ signed the current token/);
      t.equal(await lane.locator(':scope > ol > li[data-state="retired"]').count(), 2, 'the signer and the newest retired key show');

      await page.locator('#tab-mint').click();
      await page.locator('#mint-button').click();
      await page.locator('#token-parts').waitFor();
      await page.locator('#tab-keys').click();
      await lane.locator('li.folded summary:text-is("+2 retired")').waitFor();
      t.pass('a token signed by the active key: two retired keys folded');
      await lane.locator('li.folded summary').click();
      t.equal(await lane.locator('li.folded [data-folded-kid]').count(), 2, 'opened, the card lists their kids');

      const inside = await page.locator('#key-timeline').evaluate((timeline) => {
        const column = timeline.getBoundingClientRect();
        return [...timeline.querySelectorAll('li.key')].every((card) => {
          const box = card.getBoundingClientRect();
          return box.left >= column.left - 1 && box.right <= column.right + 1;
        });
      });
      t.ok(inside, 'every card stays inside the timeline\'s column');
      const jwks = (await page.locator('#jwks-view').boundingBox())!;
      const timeline = (await page.locator('#key-timeline').boundingBox())!;
      t.ok(viewport.width < 1000 || timeline.x + timeline.width <= jwks.x, 'side by side, the cards stop before the JWKS');
      t.equal(await overflow(page), 0, 'no horizontal scroll');
      await screenshot(page, `layout-${viewport.width}-keys-rotated`);
    });
  }
}
