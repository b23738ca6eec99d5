/**
 * The teaching page's Keys panel after many rotations, at a phone's width and
 * a projector's: the cards stay inside their column, old retired keys fold
 * into "+N retired" and the ★ card of the current token shows.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { overflow } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
];

if (browser) {
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
