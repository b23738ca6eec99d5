/**
 * axe-core (from npm, injected into chromium) on the teaching page at a
 * phone's width (390 px), where tables become stacked cards: no serious or
 * critical violation in any tab, at first and after a mint, a verify and a
 * rotation. The projector's size and the checks axe cannot make: a11y.test.ts.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { auditEveryTab, mintVerifyRotate } from '../helpers/page-audit.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('axe-core at 390 px: every tab at first; the verdicts; the result tabs after a mint, a verify and a rotation', async (t) => {
    const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
    const page = await openAuditPage(t, browser, idp.url, { width: 390, height: 844 });
    await auditEveryTab(t, page, 'at first');
    await mintVerifyRotate(t, page);
    await auditEveryTab(t, page, 'after a mint, a verify and a rotation', ['mint', 'verify', 'keys']);
  });
}
