/**
 * The teaching page at a projector's size (1280×720), a phone's (390×844) and a large screen's (1920×1080),
 * one page resized between them: after a mint and a verify no tab scrolls sideways and every matrix cell fits;
 * from the projector's size up, Mint is above the fold; after "Verify this token" the focus is on the verdict
 * and the verdict is on screen: on a projector it stays at the top while the failed row is scrolled into view
 * under it, on a phone it is scrolled into view (test/helpers/page-layout.ts). The tests share the page and
 * run in order.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { checkEveryTabFits, mintAboveTheFold, mintAndVerify, verdictOnScreen } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

if (browser) {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const projector = { width: 1280, height: 720 };
  const page = await openAuditPage(t, browser, idp.url, projector);

  t.test('1280×720: Mint above the fold; the verdict focused and on screen with the failed row; no tab scrolls sideways', async (t) => {
    await mintAboveTheFold(t, page, projector);
    await verdictOnScreen(t, page, projector, 'expired');
    await checkEveryTabFits(t, page, projector);
  });

  t.test('390×844: the verdict focused and scrolled into view; no tab scrolls sideways', async (t) => {
    const phone = { width: 390, height: 844 };
    await page.setViewportSize(phone);
    await verdictOnScreen(t, page, phone, 'valid');
    await checkEveryTabFits(t, page, phone);
  });

  t.test('1920×1080: Mint above the fold; no tab scrolls sideways', async (t) => {
    const wide = { width: 1920, height: 1080 };
    await page.setViewportSize(wide);
    await mintAboveTheFold(t, page, wide);
    await mintAndVerify(page);
    await checkEveryTabFits(t, page, wide);
  });
}
