/**
 * The teaching page at a projector's size (1280×720): no tab scrolls sideways after a mint and a
 * verify, and Mint is above the fold (test/helpers/page-layout.ts). The other sizes:
 * test/page/layout*.test.ts.
 */
import t from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { checkEveryTabFits } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('1280×720: no tab scrolls sideways', (t) => checkEveryTabFits(t, browser, { width: 1280, height: 720 }));
}
