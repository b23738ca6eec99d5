/**
 * The teaching page's refresh-token rotation lesson in a real browser, against
 * the default config (its `rotating` client): a refresh token rotates, the old
 * one still works within the grace period, then RefreshTokenReuseException;
 * the clock goes back to real time at the end or when the lesson is ended
 * early; the Cognito calls carry no admin token; a config without a rotating
 * client gets a message saying what to add. The server runs in-process on a
 * manual clock; the lesson moves the server's clock, nothing sleeps.
 */
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { localPool } from '../helpers/cognito.js';

const browser = await launchBrowser(t);
const fingerprint = /#[0-9a-f]{8}/g;

if (browser) {
  t.test('the rotation lesson from start to end: rotate, retry within the grace period, reuse refused, back to real time', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="refresh-rotation"]').click();
    const next = page.locator('#lesson-next:not([disabled])');
    const log = page.locator('#refresh-log li');
    const step = async (progress: string) => {
      await page.locator(`#lesson-progress:has-text("${progress}")`).waitFor();
      await next.waitFor();
      t.equal(await page.locator('#lesson-step .error').count(), 0, `${progress}: no error`);
      t.equal(await page.locator('#tab-time').getAttribute('aria-selected'), 'true', `${progress}: the Time panel shows the list`);
    };
    const fingerprints = async (index: number) => (await log.nth(index).textContent())!.match(fingerprint)!;

    await step('Step 1 of 6');
    t.match(idp.clock.state(), { fixed: true, offsetSeconds: 0 }, 'the lesson froze the server\'s clock');
    await page.locator('#clock-offset:text-is("frozen")').waitFor();
    t.equal(await page.locator('#refresh-client').textContent(), 'alice, client rotating: rotation on, grace period 10 s.');
    t.equal(await log.count(), 1);
    t.equal(await log.nth(0).getAttribute('data-outcome'), 'signed-in');
    const [first] = await fingerprints(0);

    await next.click();
    await step('Step 2 of 6');
    t.equal(await log.nth(1).getAttribute('data-outcome'), 'rotated');
    const [used, second] = await fingerprints(1);
    t.equal(used, first, 'refreshed with the first token');
    t.not(second, first, 'a new refresh token');
    t.equal(await log.nth(1).textContent(), `Refresh with ${first}: new refresh token ${second} (the old one works 10 s more).`);

    const frozenAt = idp.clock.now();
    await next.click();
    await step('Step 3 of 6');
    t.equal(idp.clock.now() - frozenAt, 5000, 'the clock moved 5 s, by the lesson');
    t.equal(await log.nth(2).getAttribute('data-outcome'), 'grace');
    t.match(await log.nth(2).textContent(), `Refresh with ${first}: old token still accepted (grace period, 5 s left); new refresh token `);
    const [, third] = await fingerprints(2);
    t.not(third, second);

    await next.click();
    await step('Step 4 of 6');
    t.equal(idp.clock.now() - frozenAt, 65_000);
    t.equal(await log.nth(3).getAttribute('data-outcome'), 'rejected');
    // The exception's name, then the server's message (its wording is the server's to change).
    t.match(await log.nth(3).textContent(), new RegExp(`^Refresh with ${first}: RefreshTokenReuseException: \\S.*rotated`));
    t.match(await page.locator('#lesson-step').textContent(), /RefreshTokenReuseException/);
    const inView = (selector: string) =>
      page.locator(selector).evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= el.ownerDocument.documentElement.clientHeight;
      });
    t.ok(await inView('#refresh-log li:nth-child(4)'), 'the outcome is in view at 1280×720, beside the clock, with the lesson bar');
    t.ok(await inView('#lesson-next'));
    await screenshot(page, 'rotation-lesson');

    await next.click();
    await step('Step 5 of 6');
    t.equal(await log.nth(4).getAttribute('data-outcome'), 'rotated');
    const [newest, fifth] = await fingerprints(4);
    t.equal(newest, third, 'refreshed with the token the last answer gave');
    t.not(fifth, third);

    await next.click();
    await step('Step 6 of 6');
    t.match(await page.locator('#lesson-progress').textContent(), /Lesson complete/);
    t.match(idp.clock.state(), { fixed: false, offsetSeconds: 0 }, 'the clock is back on real time');
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.equal(await log.count(), 5, 'every call of the lesson is listed');
    await page.locator('#lesson-next').click();
    t.ok(await page.locator('#lesson-bar').isHidden(), 'Finish closes the lesson');
    t.match(idp.clock.state(), { fixed: false, offsetSeconds: 0 }, 'and leaves the clock alone');
  });

  t.test('ending the lesson early puts the clock back on real time', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="refresh-rotation"]').click();
    await page.locator('#lesson-next:not([disabled])').waitFor();
    await page.locator('#lesson-next').click();
    await page.locator('#lesson-progress:has-text("Step 2 of 6")').waitFor();
    await page.locator('#lesson-next:not([disabled])').click();
    await page.locator('#lesson-progress:has-text("Step 3 of 6")').waitFor();
    await page.locator('#lesson-next:not([disabled])').waitFor();
    t.match(idp.clock.state(), { fixed: true, offsetSeconds: 5 }, 'frozen and moved by the lesson');
    await page.locator('#lesson-stop').click();
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(idp.clock.state(), { fixed: false, offsetSeconds: 0 });
  });

  t.test('with an admin token: the Cognito calls go without it, as any app makes them, and the lesson works', async (t) => {
    const adminToken = 'rotation-lesson-admin-token';
    const idp = await startTestIdp(t, { config: { adminToken } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    t.teardown(() => context.close());
    await context.addInitScript(`sessionStorage.setItem('mock-idp.adminToken', ${JSON.stringify(adminToken)})`);
    const page = await context.newPage();
    page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));
    const cognitoAuthorization: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.headers()['x-amz-target']) cognitoAuthorization.push(request.headers().authorization);
    });
    await page.goto(idp.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="refresh-rotation"]').click();
    await page.locator('#lesson-next:not([disabled])').click();
    await page.locator('#refresh-log li[data-outcome="rotated"]').waitFor();
    t.equal(await page.locator('#lesson-step .error').count(), 0);
    t.same(cognitoAuthorization, [undefined, undefined], 'InitiateAuth and GetTokensFromRefreshToken, without the admin token');
  });

  t.test('a server whose default pool has no rotating client: the step says what to configure', async (t) => {
    const idp = await startTestIdp(t, { config: { pools: [{ id: localPool, users: '*', clients: [{ id: '5plainclient00000000000000a', name: 'spa', secret: null }] }] } });
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-lessons').click();
    await page.locator('[data-start="refresh-rotation"]').click();
    await page.locator('#lesson-step .error').waitFor();
    t.match(await page.locator('#lesson-step .error').textContent(), /has no client with refresh-token rotation.*"refreshTokenRotation": true/);
    t.ok(await page.locator('#refresh-rotation').isHidden(), 'no list without a sign-in');
    await page.locator('#lesson-stop').click();
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(idp.clock.state(), { fixed: false, offsetSeconds: 0 }, 'the clock the lesson froze is back');
  });
}
