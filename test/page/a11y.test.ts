/**
 * The teaching page with axe-core (from npm, injected into chromium) at the
 * projector's size: no serious or critical violation with the verdicts shown
 * and in any tab after a mint, a verify and a rotation. A phone's width:
 * a11y-phone.test.ts; what axe cannot see: a11y-focus.test.ts.
 */
import t from 'tap';
import { openAuditPage } from '../helpers/axe.js';
import { auditEveryTab, mintVerifyRotate } from '../helpers/page-audit.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('axe-core at 1280×720: the verdicts, then every tab after a mint, a verify and a rotation', async (t) => {
    const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
    const page = await openAuditPage(t, browser, idp.url);
    await mintVerifyRotate(t, page);
    await auditEveryTab(t, page, 'after a mint, a verify and a rotation');
  });
}
