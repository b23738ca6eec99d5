/**
 * The teaching page follows pools made and deleted through the Cognito API
 * while it is open: a pool created with the AWS SDK (with a client and a user)
 * becomes a choice in every pool list when the window gets the focus back; the
 * page mints and verifies tokens for it and shows its keys; once deleted, it
 * leaves the lists when a tab is shown, with no error.
 * The server runs in-process on a manual clock (at the real time: the SDK
 * signs its requests with it); nothing sleeps.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startCognito } from '../helpers/cognito.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

/** The values a `<select>` offers. */
const choices = (page: Page, id: string) => page.locator(`#${id} option`).evaluateAll((options) => options.map((o) => o.getAttribute('value')));

/** The browser window gets the focus back (from the terminal that ran the SDK, say). */
const refocus = (page: Page) => page.locator('body').evaluate((body) => body.ownerDocument.defaultView!.dispatchEvent(new Event('focus')));

if (browser) {
  t.test('a pool made through the Cognito API: chosen, minted for, verified, its keys shown; deleted, it leaves the lists', async (t) => {
    const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });
    const page = await openPage(t, browser, idp.url);
    const defaultPool = await page.locator('#mint-pool').inputValue();

    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'made-while-open' }))).UserPool!.Id!;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }))).UserPoolClient!.ClientId!;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ada', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ada', Password: 'Provisioned-4711!', Permanent: true }));

    // Back from the terminal that ran the SDK: the window gets the focus again, and the lists are reread.
    await refocus(page);
    for (const list of ['mint-pool', 'verify-pool', 'keys-pool']) {
      await page.locator(`#${list} option[value="${poolId}"]`).waitFor({ state: 'attached' });
      t.ok((await choices(page, list)).includes(defaultPool), `#${list} offers the new pool, and still the configured one`);
    }

    await page.locator('#mint-pool').selectOption(poolId);
    t.same(await choices(page, 'mint-client'), [clientId], 'its client is offered');
    t.same(await choices(page, 'mint-user'), ['ada'], 'its user is offered');
    await page.locator('#mint-token-use').selectOption('id');
    await page.locator('#mint-scenario').selectOption('valid');
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    t.ok(await page.locator('#mint-error').isHidden(), 'no error');
    const iss = JSON.parse((await page.locator('#decoded-payload tr[data-claim="iss"] td.value').textContent())!) as string;
    t.ok(iss.endsWith(`/${poolId}`), `iss is the new pool's issuer (${iss})`);
    t.equal(await page.locator('#decoded-payload tr[data-claim="aud"] td.value').textContent(), JSON.stringify(clientId), 'aud is its client');
    t.equal(await page.locator('#decoded-payload tr[data-claim="cognito:username"] td.value').textContent(), '"ada"', 'cognito:username is its user');

    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict.accepted').waitFor();
    t.equal(await page.locator('#verify-pool').inputValue(), poolId, 'verified against the new pool');
    t.equal(await page.locator('#verify-client').inputValue(), clientId, 'and its client');
    t.equal(await page.locator('#verify-checks tr[data-status="failed"]').count(), 0, 'no check fails');

    await page.locator('#tab-keys').click();
    await page.locator('#keys-pool').selectOption(poolId);
    const signer = (await page.locator('#decoded-header tr[data-claim="kid"] td.value').textContent())!.slice(1, -1);
    await page.locator(`#key-timeline [data-use="id"] li[data-kid="${signer}"][data-state="active"].signer`).waitFor();
    await page.locator('#key-timeline [data-use="access"] li[data-state="active"]').waitFor();
    t.equal(await page.locator('#key-timeline li').count(), 2, 'the timeline: the new pool\'s two keys, one per token use');
    const kids = (await page.locator('#jwks-view').getAttribute('data-kids'))!.split(' ');
    t.equal(kids.length, 2, 'its JWKS publishes both');
    t.ok(kids.includes(signer), 'with the key that signed the token');
    t.match(await page.locator('#jwks-meta').textContent(), new RegExp(`GET /${poolId}/\\.well-known/jwks\\.json: 200, 2 keys`), 'the JWKS as served: 200, two keys');

    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    // Clicking the Keys tab to look again rereads the shown pool's keys and the pool lists at once.
    // The keys' answer (404: no such pool) is held until the lists have dropped the pool: arriving
    // late, it must not show an error about a pool the page no longer offers.
    const deletedPoolKeys = (url: string | URL) => String(url).endsWith(`/_mock/keys?pool=${poolId}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(deletedPoolKeys, async (route) => {
      await held;
      await route.continue();
    });
    const lateAnswer = page.waitForEvent('requestfinished', (request) => deletedPoolKeys(request.url()));
    await page.locator('#tab-keys').click();
    for (const list of ['mint-pool', 'verify-pool', 'keys-pool']) {
      await page.locator(`#${list} option[value="${poolId}"]`).waitFor({ state: 'detached' });
      t.equal(await page.locator(`#${list}`).inputValue(), defaultPool, `#${list} drops the deleted pool and falls back to the configured one`);
    }
    release();
    await lateAnswer;
    // A task in the page after the late answer's body arrived: by then the page has handled it.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    await page.locator(`#jwks-meta:has-text("GET /${defaultPool}/")`).waitFor();
    t.ok(await page.locator('#key-timeline li[data-state="active"]').count() >= 2, 'the keys view shows the configured pool\'s keys');
    t.ok(await page.locator('#keys-error').isHidden(), 'the keys view shows no error');
    await page.locator('#tab-mint').click();
    t.ok(await page.locator('#mint-error').isHidden(), 'the mint form shows no error');
    t.not(await page.locator('#mint-client').inputValue(), clientId, 'the deleted pool\'s client is gone from the mint form');
    await page.locator('#mint-button').click();
    await page.locator(`#decoded-payload tr[data-claim="iss"] td.value:has-text("${defaultPool}")`).waitFor();
    t.pass('minting works again, for the configured pool');
  });
}
