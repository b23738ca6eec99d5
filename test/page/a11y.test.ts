/**
 * The teaching page with axe-core (from npm, injected into chromium), one page resized between the sizes: at
 * a phone's width (390 px), where tables become stacked cards, no serious or critical violation in any tab at
 * first, with the verdicts shown, and in the result tabs after a mint, a verify and a rotation; at the
 * projector's size (1280×720), none with the verdicts shown and in any tab after a mint, a verify and a
 * rotation. What axe cannot see: a11y-focus.test.ts.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { auditEveryTab, mintVerifyRotate } from '../helpers/page-audit.js';

const browser = await launchBrowser(t);

if (browser) {
  // One page for both tests, in order: a page load costs more than the checks.
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const page = await openAuditPage(t, browser, idp.url, { width: 390, height: 844 });

  t.test('axe-core at 390 px: every tab at first; the verdicts; the result tabs after a mint, a verify and a rotation', async (t) => {
    await auditEveryTab(t, page, 'at first');
    await mintVerifyRotate(t, page);
    await auditEveryTab(t, page, 'after a mint, a verify and a rotation', ['mint', 'verify', 'keys']);
  });

  t.test('axe-core at 1280×720: the verdicts, then every tab after a mint, a verify and a rotation', async (t) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await mintVerifyRotate(t, page);
    await auditEveryTab(t, page, 'after a mint, a verify and a rotation');
  });
}
