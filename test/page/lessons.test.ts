/**
 * The teaching page's lesson engine in a real browser, on one loaded page:
 * the key-rotation lesson (predict before each reveal, a wrong prediction's
 * feedback, the highlight below the sticky lesson bar, the learner's own step
 * checked), the same lesson again from fresh keys with the clock moved
 * before (the same steps and verdicts), the refresh-token rotation lesson
 * (its Cognito calls without the server's admin token; ended early, the
 * clock back on real time), the clock-tolerance lesson with the keyboard
 * alone, and axe-core on the lesson bar. The server runs in-process on a
 * manual clock; the lessons move it, nothing sleeps.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { checkLesson as check } from '../helpers/lessons.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const browser = await launchBrowser(t);

/** Waits until the lesson asks step `step` of `of`. */
async function asked(page: Page, step: number, of: number): Promise<void> {
  await page.locator(`#lesson-progress:text-is("Step ${step} of ${of}")`).waitFor();
  await page.locator('#lesson-predict:not([disabled])').waitFor();
}

/** Answers the question with choice `choice` and waits for the reveal; true when the lesson said it was right. */
async function predict(page: Page, choice: number): Promise<boolean> {
  await page.locator(`#lesson-predict button[data-choice="${choice}"]`).click();
  await page.locator('#lesson-next:not([disabled])').waitFor();
  return (await page.locator('#lesson-feedback').getAttribute('data-right')) === 'true';
}

/** Answers every step with `answers`, calling `revealed` after each reveal; returns at the learner's turn. */
async function runSteps(page: Page, answers: number[], revealed: (step: number) => Promise<void> = async () => {}): Promise<void> {
  const of = answers.length + 1;
  for (const [index, choice] of answers.entries()) {
    await asked(page, index + 1, of);
    await predict(page, choice);
    await revealed(index + 1);
    await page.locator('#lesson-next').click();
  }
  await page.locator(`#lesson-progress:text-is("Step ${of} of ${of}")`).waitFor();
  await page.locator('#lesson-check:not([disabled])').waitFor();
}

/** Three animation frames: what the page scrolls or draws after a reveal is done. */
const settled = (page: Page) => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))))');

/** Presses Tab until the focus is on `selector` (at most 30 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Waits until the focus is on the step's heading. */
const headingFocused = (page: Page) => page.locator('#lesson-step-title:focus').waitFor();

if (browser) {
  const adminToken = 'lessons-admin-token';
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory(), config: { adminToken } });
  // The admin token given as a learner gives it, in the dialog the page opens: every control call carries it, no Cognito call does.
  const page = await openPage(t, browser, idp.url, { bypassCSP: true }, { ready: false });
  await page.locator('#admin-dialog[open] #admin-token-input').fill(adminToken);
  await page.locator('#admin-token-input').press('Enter');
  await page.locator('body[data-ready="true"]').waitFor();
  const cognitoAuthorization: Array<string | undefined> = [];
  page.on('request', (request) => {
    if (request.headers()['x-amz-target']) cognitoAuthorization.push(request.headers().authorization);
  });
  const clock = () => idp.clock.state();

  /** Per step of a run of the rotation lesson: the verdict shown and the number of kids in the JWKS. */
  const rotationRun = async () => {
    const seen: string[] = [];
    await runSteps(page, [0, 0, 1, 0, 0, 2], async (step) => {
      const verdict = step === 2 || step === 4 || step === 6 ? await page.locator('#verify-verdict').getAttribute('data-code') : '-';
      const kids = step === 1 || step === 3 || step === 5 ? (await page.locator('#jwks-view').getAttribute('data-kids'))?.split(' ').length : '-';
      seen.push(`${step}: ${verdict} ${kids}`);
    });
    return seen;
  };

  t.test('the rotation lesson: a goal, a prediction before each reveal, feedback, the highlight below the lesson bar, the learner\'s turn checked', async (t) => {
    await page.locator('#tab-lessons').click();
    t.ok((await page.locator('#lesson-list > li').count()) >= 8, 'eight lessons and more');
    await page.locator('[data-start="rotation"]').click();

    await asked(page, 1, 7);
    t.match(await page.locator('.lesson-goal').textContent(), /^Goal: \S/, 'the step states its goal');
    t.match(await page.locator('#lesson-predict legend').textContent(), /^Predict: Which key/, 'and asks before it reveals');
    t.equal(await page.locator('#lesson-predict button').count(), 3, 'three answers, each a button');
    t.ok(await page.locator('#lesson-next').isDisabled(), 'Next waits for the prediction');
    t.equal(await page.locator('#token-parts').count(), 0, 'nothing minted before the answer');
    t.ok(await predict(page, 0), 'the right answer is called right');
    t.match(await page.locator('#lesson-feedback').textContent(), /^✓ Right\./);
    t.match(await page.locator('#lesson-say').textContent(), /kid in the header/);
    await page.locator('#decoded-header tr[data-claim="kid"].lesson-look').waitFor();
    t.ok(await page.locator('#lesson-step-title').evaluate((el) => el === el.ownerDocument.activeElement), 'the focus is on the step\'s heading');

    await page.locator('#lesson-next').click();
    await asked(page, 2, 7);
    t.notOk(await predict(page, 1), 'a wrong prediction…');
    t.match(await page.locator('#lesson-feedback').textContent(), /^✗ Not quite\. You predicted: The verifier rejects it: UNKNOWN_KID\. What happens: The verifier accepts it\./, '…says what happens instead');
    t.equal(await page.locator('#verify-verdict').getAttribute('class').then((c) => c!.includes('accepted')), true);

    await page.locator('#lesson-next').click();
    await asked(page, 3, 7);
    await predict(page, 1);
    // The highlighted key card is in view, below the lesson bar (which sticks to the top), not behind it.
    const look = page.locator('#key-timeline .signer.lesson-look');
    await look.waitFor();
    await settled(page);
    const [bar, card] = [await page.locator('#lesson-bar').boundingBox(), await look.boundingBox()];
    t.ok(card!.y >= bar!.y + bar!.height && card!.y + card!.height <= 720, `the ★ card (${Math.round(card!.y)}–${Math.round(card!.y + card!.height)} px) is below the bar (${Math.round(bar!.y + bar!.height)} px) and above the fold`);

    for (const [step, choice] of [[4, 0], [5, 0], [6, 2]] as const) {
      await page.locator('#lesson-next').click();
      await asked(page, step, 7);
      t.ok(await predict(page, choice), `step ${step}: right`);
    }
    await page.locator('#verify-verdict[data-code="UNKNOWN_KID"]').waitFor();
    await page.locator('#lesson-next').click();

    await page.locator('#lesson-progress:text-is("Step 7 of 7")').waitFor();
    t.equal(await page.locator('#lesson-step-title').textContent(), 'Your turn');
    t.equal(await page.locator('#lesson-next').textContent(), 'Finish');
    let result = await check(page);
    t.notOk(result.ok, 'nothing done yet: not done');
    t.match(result.text, /Mint a new token first/);

    await page.locator('#tab-mint').click();
    await page.locator('#mint-button').click();
    await page.locator('#token-parts').waitFor();
    result = await check(page);
    t.match(result, { ok: false, text: /accepted\. Retire the key/ }, 'a new token, still accepted: says what is missing');

    const kid = (await page.locator('#decoded-header tr[data-claim="kid"] td.value').textContent())!.slice(1, -1);
    await page.locator('#tab-keys').click();
    await page.locator(`button[data-retire="${kid}"]`).click();
    await page.locator(`#jwks-view:not([data-kids*="${kid}"])`).waitFor();
    result = await check(page);
    t.match(result, { ok: true, text: /UNKNOWN_KID/ }, 'done by the learner, checked by the lesson');
    t.match(await page.locator('#lesson-progress').textContent(), /Step 7 of 7\. Lesson complete\./);
    await page.locator('#lesson-next').click();
    t.ok(await page.locator('#lesson-bar').isHidden(), 'Finish closes the lesson');
    t.equal(await page.locator('#tab-lessons').getAttribute('aria-selected'), 'true', 'back to the list');
    t.match(clock(), { fixed: false, offsetSeconds: 0 }, 'on real time');
  });

  t.test('the same lesson twice in a row, from fresh keys, after the clock was moved: the same steps and verdicts', async (t) => {
    // Moved back an hour, as a learner may leave it, and fresh keys asked for.
    await page.locator('#tab-time').click();
    await page.locator('button[data-shift="-3600"]').click();
    await page.locator('#clock-offset:not(:text-is("real time"))').waitFor();
    t.equal(clock().offsetSeconds, -3600);
    await page.locator('#tab-lessons').click();
    await page.locator('#lesson-fresh-keys').check();
    const kids = () => idp.services.keyRing.entries().map((e) => e.material.kid);
    const before = kids();

    const runs: string[][] = [];
    for (const run of [1, 2]) {
      await page.locator('[data-start="rotation"]').click();
      await asked(page, 1, 7);
      t.match(clock(), { fixed: false, offsetSeconds: 0 }, `run ${run}: starts on real time`);
      t.equal(await page.locator('#lesson-step .error').count(), 0, `run ${run}: step 1 does not fail`);
      runs.push(await rotationRun());
      await page.locator('#lesson-next').click();
      await page.locator('#lesson-bar').waitFor({ state: 'hidden' });
    }
    t.notOk(kids().some((kid) => before.includes(kid)), 'fresh keys only');
    t.same(runs[0], ['1: - 2', '2: ACCEPTED -', '3: - 3', '4: ACCEPTED -', '5: - 2', '6: UNKNOWN_KID -'], 'verdicts and JWKS sizes, step by step');
    t.same(runs[1], runs[0], 'the second run as the first');
    await page.locator('#lesson-fresh-keys').uncheck();
  });

  t.test('the refresh-token rotation lesson: rotate, retry within the grace period, reuse refused; the learner\'s turn; no admin token on the Cognito calls', async (t) => {
    await page.locator('[data-start="refresh-rotation"]').click();
    const log = page.locator('#refresh-log li');
    await asked(page, 1, 5);
    t.match(clock(), { fixed: true, offsetSeconds: 0 }, 'the lesson froze the server\'s clock');
    t.equal(await log.count(), 1, 'signed in before the question');
    t.equal(await log.nth(0).getAttribute('data-outcome'), 'signed-in');
    const frozenAt = idp.clock.now();
    await runSteps(page, [1, 0, 1, 0]).catch(async (e) => t.fail(`${e}: ${await page.locator('#lesson-step').textContent()}`));
    t.same(await log.evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome'))), ['signed-in', 'rotated', 'grace', 'rejected', 'rotated'], 'each step\'s call, listed');
    t.match(await log.nth(3).textContent(), /RefreshTokenReuseException/);
    t.equal(idp.clock.now() - frozenAt, 65_000, 'the lesson moved the clock 5 s, then 60 s');

    t.match(await check(page), { ok: false, text: /Sign in again first/ }, 'the old list does not count');
    for (const tool of [0, 1, 2, 1]) {
      await page.locator(`[data-tool="${tool}"]`).click();
      await page.locator('#lesson-check:not([disabled])').waitFor();
    }
    t.same(await log.evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome'))), ['signed-in', 'rotated', 'rejected'], 'signed in, refreshed, refused after 61 s');
    t.match(await check(page), { ok: true, text: /RefreshTokenReuseException/ });
    await page.locator('#lesson-next').click();
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(clock(), { fixed: false, offsetSeconds: 0 }, 'Finish puts the clock back on real time');
    t.equal(cognitoAuthorization.length, 8, 'two InitiateAuth and six GetTokensFromRefreshToken calls…');
    t.ok(cognitoAuthorization.every((a) => a === undefined), '…all without the admin token, as any app makes them');
  });

  t.test('ended early: the clock back on real time; axe-core on the lesson bar', async (t) => {
    await page.locator('[data-start="refresh-rotation"]').click();
    await asked(page, 1, 5);
    await predict(page, 0);
    await page.locator('#lesson-next').click();
    await asked(page, 2, 5);
    t.match(clock(), { fixed: true, offsetSeconds: 5 }, 'frozen and moved by the lesson');
    t.same(await axeViolations(page, { include: '#lesson-bar' }), [], 'the lesson bar asking: no serious or critical violations');
    await page.locator('#lesson-stop').click();
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(clock(), { fixed: false, offsetSeconds: 0 });
    t.ok(await page.locator('#lesson-bar').isHidden());
  });

  t.test('the clock-tolerance lesson with the keyboard alone: start, predict, next, the learner\'s turn, finish', async (t) => {
    await tabTo(page, '[data-start="tolerance"]');
    await page.keyboard.press('Enter');
    const exp = async () => JSON.parse(Buffer.from((await page.locator('#token-parts').textContent())!.split('.')[1]!, 'base64url').toString()).exp as number;
    const answers = [0, 1, 1, 1];
    const atExp = [-1, 2, 5, null];
    for (const [index, choice] of answers.entries()) {
      await asked(page, index + 1, 5);
      await headingFocused(page);
      if (index < 3) await page.locator('#time-token.lesson-look').waitFor();
      if (atExp[index] !== null) t.equal(idp.clock.now() / 1000 - (await exp()), atExp[index], `step ${index + 1}: the clock at exp ${atExp[index]! < 0 ? '' : '+'}${atExp[index]} s`);
      await tabTo(page, `#lesson-predict button[data-choice="${choice}"]`);
      await page.keyboard.press(index % 2 ? 'Space' : 'Enter');
      await page.locator('#lesson-next:not([disabled])').waitFor();
      await headingFocused(page);
      t.equal(await page.locator('#lesson-feedback').getAttribute('data-right'), 'true', `step ${index + 1}: right`);
      t.equal(await page.locator('#verify-verdict').getAttribute('data-code'), ['ACCEPTED', 'ACCEPTED', 'EXPIRED', 'ISSUED_IN_FUTURE'][index]);
      await tabTo(page, '#lesson-next');
      await page.keyboard.press('Enter');
    }
    await page.locator('#lesson-check:not([disabled])').waitFor();
    await headingFocused(page);
    t.equal(idp.clock.now() / 1000 - (await exp()), -7, 'your turn: 7 s before exp');
    await tabTo(page, '[data-tool="0"]');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Enter');
      await page.locator('[data-tool="0"]:focus:not([disabled])').waitFor();
    }
    t.equal(idp.clock.now() / 1000 - (await exp()), 2, 'three presses of +3 s: 2 s past exp');
    await tabTo(page, '#lesson-check');
    await page.keyboard.press('Enter');
    await page.locator('#lesson-feedback[data-right="true"]').waitFor();
    t.match(await page.locator('#lesson-feedback').textContent(), /Accepted 2 s after exp/);
    await page.locator('#lesson-next:focus').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#lesson-bar').waitFor({ state: 'hidden' });
    await page.locator('#clock-offset:text-is("real time")').waitFor();
    t.match(clock(), { fixed: false, offsetSeconds: 0 }, 'the frozen clock is back on real time');
  });
}
