/**
 * The teaching page's keys and time as one timeline, on one loaded page (a
 * page load costs more than every check here): the now line follows the
 * server's clock, a rotation adds an active row and turns the old key
 * retiring, retired keys fold into "+N retired", the token's bar spans
 * iat → exp, the JWKS marks kids added and removed; the Time tab moves the
 * clock to either side of the expiry edge and verifies there, and warns when
 * no key is active. Then the Keys panel at a phone's width, a projector's and
 * a large screen's, and axe-core on it. Nothing sleeps: the server runs on a
 * manual clock, moved only by the page's own buttons.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { axeViolations, openAuditPage } from '../helpers/axe.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { call, startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { overflow } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

/** Half an hour after the committed test keys were made: "−1 hour" puts the clock before every key. */
const startMs = Date.parse('2026-01-01T00:30:00Z');

/** The claims of the token the Mint tab shows. */
async function mintedClaims(page: Page): Promise<{ iat: number; exp: number; kid: string }> {
  const token = (await page.locator('#token-parts').textContent())!;
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  return { iat: payload!.iat as number, exp: payload!.exp as number, kid: header!.kid as string };
}

/**
 * Where an element of the timeline is drawn, against where its times fall on the axis (the timeline's
 * `data-from`/`data-to`): the differences of its left and right edges, in px (0: drawn where it belongs).
 */
function misplacement(page: Page, selector: string, startMs: number, endMs: number): Promise<{ left: number; right: number }> {
  return page.locator('#key-timeline').evaluate(
    (root, [selector, start, end]) => {
      const element = root.querySelector(selector)!;
      const track = element.parentElement!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      const from = Number(root.getAttribute('data-from'));
      const to = Number(root.getAttribute('data-to'));
      // No inner function here: the page has no `__name`, which tsx adds to named ones.
      const [left, right] = [start, end].map((ms) => track.left + Math.min(1, Math.max(0, (ms - from) / (to - from))) * track.width);
      return { left: box.left - left!, right: box.right - right! };
    },
    [selector, startMs, endMs] as const,
  );
}

/** Where the now line is drawn (in px from the axis's left end), and where the server's time falls on the axis. */
function nowLine(page: Page): Promise<{ drawn: number; expected: number; nowMs: number }> {
  return page.locator('#key-timeline').evaluate((root) => {
    const track = root.querySelector('.track.axis')!.getBoundingClientRect();
    const line = root.querySelector('#timeline-now')!.getBoundingClientRect();
    const from = Number(root.getAttribute('data-from'));
    const to = Number(root.getAttribute('data-to'));
    const nowMs = Number(root.getAttribute('data-now'));
    // The label starts 0.3 rem right of the line, or ends 0.3 rem left of it (`flip`) in the axis's right half.
    const label = root.querySelector('#timeline-now')!;
    const gap = parseFloat(root.ownerDocument.defaultView!.getComputedStyle(label).marginLeft);
    const drawn = label.classList.contains('flip') ? line.right - gap : line.left - gap;
    return { drawn: drawn - track.left, expected: ((nowMs - from) / (to - from)) * track.width, nowMs };
  });
}

if (browser) {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory(), startMs });
  // Frozen, the server's time is exactly what the page shows (a running clock it would run on by the browser's).
  await call(idp, 'POST', '/_mock/clock', { fixedTime: new Date(startMs).toISOString() });
  const page = await openAuditPage(t, browser, idp.url);
  const lane = page.locator('#key-timeline [data-use="id"]');
  const rows = lane.locator(':scope > ol > li');

  t.test('the timeline: the now line, the token bar, a rotation, a retirement, the JWKS changes; animated unless asked not to', async (t) => {
    const transition = () => page.locator('#key-timeline .seg-active').first().evaluate((seg) => seg.ownerDocument.defaultView!.getComputedStyle(seg).transitionDuration);
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    const first = await mintedClaims(page);
    await page.locator('#tab-keys').click();
    await lane.locator(`li.signer[data-state="active"][data-kid="${first.kid}"]`).waitFor();
    t.match(await transition(), /^0\.6s/, 'bars move with a transition');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    t.match(await transition(), /^0s/, 'none when the learner asked for less motion');

    t.equal(await page.locator('#timeline-token').getAttribute('data-start'), String(first.iat * 1000), 'the token bar starts at iat');
    t.equal(await page.locator('#timeline-token').getAttribute('data-end'), String(first.exp * 1000), 'and ends at exp');
    const bar = await misplacement(page, '#timeline-token', first.iat * 1000, first.exp * 1000);
    t.ok(Math.abs(bar.left) <= 1 && Math.abs(bar.right) <= 1, `the token bar is drawn from iat to exp on the axis (off by ${bar.left}, ${bar.right} px)`);
    t.match(await page.locator('#timeline-token-label').textContent(), /iat 00:30:00 → exp 01:30:00/);
    t.match(await page.locator('#jwks-changes').textContent(), /from now on/, 'first look at the JWKS: nothing marked');
    const before = await nowLine(page);
    t.equal(before.nowMs, idp.clock.now(), 'the now line is at the server\'s time');
    t.ok(Math.abs(before.drawn - before.expected) <= 1, 'drawn where that time falls on the axis');

    await page.locator('#tab-time').click();
    await page.locator('button[data-shift="300"]').click();
    await page.locator('#time-now[datetime="2026-01-01T00:35:00.000Z"]').waitFor();
    await page.locator('#tab-keys').click();
    const after = await nowLine(page);
    t.equal(after.nowMs - before.nowMs, 300_000, 'the now line is 5 min later');
    t.ok(after.drawn > before.drawn && Math.abs(after.drawn - after.expected) <= 1, `a clock shift moves the now line (${Math.round(before.drawn)} → ${Math.round(after.drawn)} px)`);

    await page.locator('#rotate-id:not([disabled])').click();
    await lane.locator(`li[data-kid="${first.kid}"][data-state="retiring"]`).waitFor();
    t.same(await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state'))), ['retiring', 'active'], 'rotate: a new active row; the old key turns retiring');
    const rotated = (await rows.nth(1).getAttribute('data-kid'))!;
    t.equal(await page.locator('#jwks-changes [data-added-kid]').getAttribute('data-added-kid'), rotated, 'the JWKS marks the kid added');
    t.equal(await page.locator('#jwks-view ins').textContent(), rotated, 'in the JWKS as served too');
    t.equal(await page.locator('#timeline-overlap').isVisible(), true, 'the overlap shows on the axis');
    t.match(await page.locator('#timeline-overlap-label').textContent(), /still published 00:35:00 → \d\d:\d\d:\d\d/, 'from the rotation on');
    t.ok(await lane.locator(`li[data-kid="${first.kid}"] .seg-retiring`).isVisible(), 'the retiring stretch of the old key is drawn');

    // Two more rotations, then the three replaced keys (the signer first) leave the JWKS now.
    for (let i = 2; i <= 3; i++) {
      await page.locator('#rotate-id:not([disabled])').click();
      await lane.locator(':scope > ol > li[data-state="retiring"]').nth(i - 1).waitFor();
    }
    await lane.locator(`button[data-retire="${first.kid}"]`).click();
    await page.locator(`#jwks-changes [data-removed-kid="${first.kid}"]`).waitFor();
    t.pass('retire: the JWKS marks the kid removed');
    for (let i = 2; i <= 3; i++) {
      await lane.locator('li[data-state="retiring"] button[data-retire]').first().click();
      await lane.locator(':scope > ol > li[data-state="retiring"]').nth(3 - i).waitFor({ state: 'detached' });
    }
    await lane.locator('li.folded summary:text-is("+1 retired")').waitFor();
    t.pass('retired keys neither the newest nor the signer fold');
    t.match(await lane.locator('li.signer[data-state="retired"]').textContent(), /★ signed the current token/, 'the ★ row of the current token shows');
    t.equal(await lane.locator(':scope > ol > li[data-state="retired"]').count(), 2, 'the signer and the newest retired key show');

    await page.locator('#tab-mint').click();
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    await page.locator('#tab-keys').click();
    await lane.locator('li.folded summary:text-is("+2 retired")').waitFor();
    await lane.locator('li.folded summary').click();
    t.equal(await lane.locator('li.folded [data-folded-kid]').count(), 2, 'a token signed by the active key: two retired keys folded, listed when opened');
  });

  t.test('the Keys panel at 1280×720, 390 px and 1920 px: rows inside their column, no sideways scroll; axe-core', async (t) => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      const inside = await page.locator('#key-timeline').evaluate((timeline) => {
        const column = timeline.getBoundingClientRect();
        return [...timeline.querySelectorAll('li.key, .timeline-row')].every((row) => {
          const box = row.getBoundingClientRect();
          return box.left >= column.left - 1 && box.right <= column.right + 1;
        });
      });
      t.ok(inside, `${viewport.width} px: every row stays inside the timeline's column`);
      const jwks = (await page.locator('#jwks-view').boundingBox())!;
      const timeline = (await page.locator('#key-timeline').boundingBox())!;
      t.ok(viewport.width < 1000 || timeline.x + timeline.width <= jwks.x, `${viewport.width} px: side by side, the rows stop before the JWKS`);
      t.equal(await overflow(page), 0, `${viewport.width} px: no horizontal scroll`);
      if (viewport.width !== 1920) await screenshot(page, `layout-${viewport.width}-keys-rotated`);
    }
    t.same(await axeViolations(page, { include: '#panel-keys' }), [], 'the timeline and the JWKS: no serious or critical violations');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  t.test('the Time tab: iat, nbf, exp and the tolerance; just before exp it verifies, just after exp + tolerance it is EXPIRED; no key active: a warning, and Mint says so', async (t) => {
    const { exp } = await mintedClaims(page);
    await page.locator('#tab-time').click();
    t.equal(await page.locator('#time-claims dd[data-claim="exp"]').getAttribute('data-value'), String(exp), 'exp of the current token');
    t.match(await page.locator('#time-claims dd[data-claim="nbf"]').textContent(), /not set/, 'an ID token has no nbf');
    t.match(await page.locator('#time-claims dd[data-claim="tolerance"]').textContent(), /± 5 s around now/);

    await page.locator('#time-before-exp').click();
    await page.locator(`#time-now[datetime="${new Date((exp - 1) * 1000).toISOString()}"]`).waitFor();
    t.equal(idp.clock.state().epochSeconds, exp - 1, 'just before exp: the server\'s clock is there, and holds');
    await page.locator('#time-verify').click();
    await page.locator('#time-verdict-line[data-code="ACCEPTED"]').waitFor();
    t.pass('verified there: accepted');

    await page.locator('#time-after-exp').click();
    await page.locator('#time-verdict-line').waitFor({ state: 'detached' });
    t.equal(idp.clock.state().epochSeconds, exp + 5 + 1, 'just after exp + tolerance');
    await page.locator('#time-verify').click();
    await page.locator('#time-verdict-line[data-code="EXPIRED"]').waitFor();
    t.pass('verified there: EXPIRED');
    t.ok(await page.locator('#time-no-key').isHidden(), 'a key is active: no warning');

    await page.locator('#time-reset').click();
    await page.locator('button[data-shift="-3600"]').click();
    await page.locator('#time-no-key[data-missing="id access"]').waitFor();
    t.match(await page.locator('#time-no-key').textContent(), /No key of pool \S+ is active at the server's time .* Mint refuses/, 'before every key: the warning says Mint will refuse');
    await page.locator('#tab-keys').click();
    await lane.locator('.lane-warning:text-matches("No key signs ID tokens")').waitFor();
    t.pass('the timeline says it too, on the lane');
    await page.locator('#tab-mint').click();
    await page.locator('#mint-button').click();
    await page.locator('#mint-error:not([hidden])').waitFor();
    t.match(await page.locator('#mint-error').textContent(), /No key of pool \S+ can sign ID tokens at the server's time/, 'and Mint says so in words');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#tab-time').click();
    t.equal(await overflow(page), 0, 'the Time tab at 390 px: no horizontal scroll');
  });
}
