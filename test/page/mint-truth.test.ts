/**
 * Mint tells the truth: after edited claims it states the verdict the edited
 * token gets (edited claims marked); with no active key, or no replaced key for a scenario that needs one, it
 * says so in words and what to press;
 * Mint, Rotate and Retire are disabled and aria-busy while their request
 * runs (the server's answer is held with page.route, never a sleep).
 * Chromium, in-process server, manual clock.
 */
import type { Page, Route } from 'playwright-core';
import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { call, startTestIdp } from '../helpers/idp.js';

const browser = await launchBrowser(t);

/** Holds the next request to `pattern` until `release()`; `held` resolves once it is being held. */
async function holdNext(page: Page, pattern: string): Promise<{ held: Promise<void>; release: () => Promise<void> }> {
  let route: Route | null = null;
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  await page.route(pattern, (r) => {
    route = r;
    onHeld();
  }, { times: 1 });
  return { held, release: async () => route!.continue() };
}

/** The button's busy state: disabled and aria-busy. */
const busyState = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => ({ disabled: el.hasAttribute('disabled'), busy: el.getAttribute('aria-busy') }));

if (browser) {
  t.test('edited claims: exp 1 → "a correct verifier rejects it: EXPIRED", the edited claim marked', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-claims-editor summary').click();
    await page.locator('#mint-claims').fill('{"exp": 1}');
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    const expected = page.locator('#mint-expected');
    t.equal(await expected.getAttribute('data-code'), 'EXPIRED');
    t.match(await expected.textContent(), /^With your edits, a correct verifier rejects it: EXPIRED\. You changed exp \(marked below\)\..*Without the edits, the scenario's token: a correct verifier accepts it\.$/);
    t.notMatch(await expected.textContent(), /accepts it\. The token/, 'not the scenario\'s "accepts it"');
    t.equal(await page.locator('#decoded-payload tr[data-claim="exp"]').getAttribute('data-edited'), 'true', 'exp is marked edited');
    t.equal(await page.locator('#decoded-payload tr[data-edited]').count(), 1, 'only exp');

    await page.locator('#mint-verify-button').click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.ok(await page.locator('#verify-edited').isVisible(), 'Verify says the verdict is the edited token\'s');
    t.equal(await page.locator('#verify-explanation').count(), 0, 'not the scenario\'s explanation');
  });

  t.test('a removed claim: the verdict of the token without it', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#mint-claims-editor summary').click();
    await page.locator('#mint-suppress').fill('sub');
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    t.equal(await page.locator('#mint-expected').getAttribute('data-code'), 'MISSING_CLAIM');
    t.match(await page.locator('#mint-removed').textContent(), /Removed from the payload: sub\./);
  });

  t.test('no active key (the clock moved back before every key): a message in words, not "no active id key"', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    // The test keys sign from 2026-01-01.
    t.equal((await call(idp, 'POST', '/_mock/clock', { fixedTime: '2025-06-01T00:00:00Z' })).status, 200);
    await page.locator('#mint-button').click();
    await page.locator('#mint-error').waitFor();
    const message = await page.locator('#mint-error').textContent();
    t.match(message, /^No key of pool \S+ can sign ID tokens at the server's time: .*the clock was moved back.*Back to real time/);
    t.notMatch(message, /no active id key/);
    t.same(await busyState(page, '#mint-button'), { disabled: false, busy: null }, 'Mint is usable again');
  });

  t.test('a scenario signed by a replaced key the pool lacks: what to press on this page, then it mints', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    const mintError = async () => {
      await page.locator('#mint-button').click();
      await page.locator('#mint-error').waitFor();
      return page.locator('#mint-error').textContent();
    };
    const mintsNow = async () => {
      await page.locator('#tab-mint').click();
      await page.locator('#mint-button').click();
      await page.locator('#token-parts').waitFor();
      t.ok(await page.locator('#mint-error').isHidden(), 'no error any more');
    };

    await page.locator('#mint-token-use').selectOption('id');
    await page.locator('#mint-scenario').selectOption('signed-by-retiring-key');
    const retiring = await mintError();
    t.match(retiring, /^Pool \S+ has no retiring ID-token key yet: .*Press "Rotate the ID-token key" on the Keys tab/);
    t.notMatch(retiring, /_mock|mock-idp rotate/, "not the API's and CLI's words");
    await page.locator('#tab-keys').click();
    await page.locator('#rotate-id').click();
    await page.locator('#keys-status', { hasText: 'Rotated the ID-token key' }).waitFor();
    await mintsNow();

    await page.locator('#mint-scenario').selectOption('signed-by-retired-key');
    const retired = await mintError();
    t.match(retired, /^Pool \S+ has no retired ID-token key yet: .*"Retire now" on the key it replaced/);
    const { body } = await call(idp, 'GET', '/_mock/keys');
    const replaced = (body as { keys: Array<{ kid: string; use: string; state: string }> }).keys.find((k) => k.use === 'id' && k.state === 'retiring')!;
    await page.locator('#tab-keys').click();
    await page.locator(`#key-timeline [data-retire="${replaced.kid}"]`).click();
    await page.locator(`#key-timeline [data-retire="${replaced.kid}"]`).waitFor({ state: 'detached' });
    await mintsNow();
  });

  t.test('Mint, Rotate and Retire are disabled and aria-busy while their request runs', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);

    const mint = await holdNext(page, '**/_mock/tokens');
    await page.locator('#mint-button').click();
    await mint.held;
    t.same(await busyState(page, '#mint-button'), { disabled: true, busy: 'true' }, 'Mint: busy while the server has not answered');
    t.equal(await page.locator('#mint-result').getAttribute('aria-busy'), 'true', 'and its result region');
    await mint.release();
    await page.locator('#token-parts').waitFor();
    t.same(await busyState(page, '#mint-button'), { disabled: false, busy: null }, 'Mint: usable once answered');

    await page.locator('#tab-keys').click();
    await page.locator('#key-timeline [data-retire]').first().waitFor();
    const rotate = await holdNext(page, '**/_mock/keys/rotate');
    await page.locator('#rotate-id').click();
    await rotate.held;
    t.same(await busyState(page, '#rotate-id'), { disabled: true, busy: 'true' }, 'Rotate: busy');
    await rotate.release();
    await page.locator('#keys-status', { hasText: 'Rotated the ID-token key' }).waitFor();
    t.same(await busyState(page, '#rotate-id'), { disabled: false, busy: null }, 'Rotate: usable once answered');

    const retireButton = page.locator('#key-timeline [data-retire]').first();
    const kid = await retireButton.getAttribute('data-retire');
    const retire = await holdNext(page, '**/_mock/keys/*/retire');
    await retireButton.click();
    await retire.held;
    t.same(await busyState(page, `#key-timeline [data-retire="${kid}"]`), { disabled: true, busy: 'true' }, 'Retire: busy');
    await retire.release();
    await page.locator('#keys-status', { hasText: 'Retired key' }).waitFor();
    t.pass('Retire answered');
  });
}
