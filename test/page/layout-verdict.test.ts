/**
 * After "Verify this token" the focus is on the verdict, and the verdict is on
 * screen: on a projector (1280×720) it stays at the top while the failed row is
 * scrolled into view under it; on a phone (390 px) it is scrolled into view.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { mintAndVerify } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
];

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
        t.ok(box.y >= 0 && box.y + box.height <= viewport.height + 1, `${selector} is on screen (${Math.round(box.y)}–${Math.round(box.y + box.height)} px)`);
      }
      await screenshot(page, `layout-${viewport.width}-verify-${scenario}`);
    });
  }

}
