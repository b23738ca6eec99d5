/**
 * The teaching page against a server started with an admin token: the control
 * API needs it, so the page asks for it once (a modal dialog), keeps it for the
 * tab, and its reads and write actions then go through. A wrong token is
 * refused by the server and asked for again.
 */
import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const adminToken = 'page-test-admin-token';
const browser = await launchBrowser(t);

if (browser) {
  t.test('the page asks for the admin token, refuses a wrong one, and works with the right one', async (t) => {
    const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory(), config: { adminToken } });
    const refused: number[] = [];
    const page = await openPage(t, browser, idp.url, {}, {
      beforeLoad: async (page) => {
        page.on('response', (response) => {
          if (response.url().includes('/_mock/') && response.status() === 401) refused.push(response.status());
        });
      },
      ready: false,
    });

    const dialog = page.locator('#admin-dialog[open]');
    await dialog.waitFor();
    t.match(await page.locator('#admin-dialog-message').textContent(), /started with an admin token/, 'it says why it asks');
    t.ok(await page.locator('#admin-token-input').evaluate((el) => el === el.ownerDocument.activeElement), 'focus is in the token field');
    t.equal(await page.getAttribute('body', 'data-ready'), null, 'the page waits for the token');

    await page.locator('#admin-token-input').fill('not-the-token');
    await page.locator('#admin-form button[value="ok"]').click();
    await page.locator('#admin-dialog-message:has-text("refused the admin token")').waitFor();
    t.ok(await dialog.isVisible(), 'a wrong token: the server refuses it and the page asks again');

    await page.locator('#admin-token-input').fill(adminToken);
    await page.locator('#admin-token-input').press('Enter');
    await page.locator('body[data-ready="true"]').waitFor();
    t.notOk(await page.locator('#admin-dialog').evaluate((el) => el.hasAttribute('open')), 'the dialog closes');
    t.equal(await page.evaluate("sessionStorage.getItem('mock-idp.adminToken')"), adminToken, 'kept for this tab only (sessionStorage)');

    // A write action (mint, then rotate) goes through with the stored token, without asking again.
    const before = refused.length;
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#tab-keys').click();
    const kids = async () => (await page.locator('#jwks-view').getAttribute('data-kids'))!.split(' ').length;
    await page.locator('#jwks-view[data-kids]').waitFor();
    const keysBefore = await kids();
    await page.locator('#rotate-id').click();
    await page.locator('#key-timeline [data-use="id"] li[data-state="retiring"]').waitFor();
    t.equal(await kids(), keysBefore + 1, 'rotated: the JWKS has one more key');
    t.equal(refused.length, before, 'no request refused once the token is stored');
    t.notOk(await page.locator('#admin-dialog').evaluate((el) => el.hasAttribute('open')), 'and no dialog');
    t.equal((await fetch(`${idp.url}/_mock/pools`)).status, 401, 'the server still refuses the control API without it');
  });
}
