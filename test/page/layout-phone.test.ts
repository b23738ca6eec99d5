/**
 * The teaching page at a phone's width (390×844): no tab scrolls sideways after a mint and a
 * verify (test/helpers/page-layout.ts). The other sizes:
 * test/page/layout*.test.ts.
 */
import t from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { checkEveryTabFits } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('390×844: no tab scrolls sideways', (t) => checkEveryTabFits(t, browser, { width: 390, height: 844 }));
}
