/**
 * The teaching page at a large screen's size (1920×1080): no tab scrolls sideways after a mint and a
 * verify, and Mint is above the fold (test/helpers/page-layout.ts). The other sizes:
 * test/page/layout*.test.ts.
 */
import t from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { checkEveryTabFits } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('1920×1080: no tab scrolls sideways', (t) => checkEveryTabFits(t, browser, { width: 1920, height: 1080 }));
}
