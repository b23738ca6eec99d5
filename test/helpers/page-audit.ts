/**
 * States of the teaching page that the accessibility tests audit with
 * axe-core: every tab, and the results after a mint, a verify and a rotation.
 */
import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import { axeViolations } from './axe.js';

/** The page's tabs, each with what it shows once loaded. */
const tabs: Array<[tab: string, ready: string]> = [
  ['mint', '#mint-button'],
  ['verify', '#verify-button'],
  ['keys', '#key-timeline li.key'],
  ['time', '#time-token'],
  ['triggers', '#triggers-pool'],
  ['matrix', '#matrix-table'],
  ['lessons', '#lesson-list li'],
];

/**
 * axe-core in every tab (or those `only` names): `when` names the state in the assertions. The whole document
 * in the first tab; then, in each further tab, its panel only: the header, the tab list and the rest around the
 * panels are the same in every tab, and a run over the document costs about half as much again as one over a panel.
 */
export async function auditEveryTab(t: Test, page: Page, when: string, only?: string[]): Promise<void> {
  let first = true;
  for (const [tab, ready] of tabs) {
    if (only && !only.includes(tab)) continue;
    await page.locator(`#tab-${tab}`).click();
    await page.locator(ready).first().waitFor();
    const violations = await axeViolations(page, first ? {} : { include: `#panel-${tab}` });
    t.same(violations, [], `${tab}${first ? '' : "'s panel"}, ${when}: no serious or critical violations`);
    first = false;
  }
}

/** Mints an expired token, verifies it with the verifier and App Services (auditing the verdicts), rotates the ID-token key. */
export async function mintVerifyRotate(t: Test, page: Page): Promise<void> {
  await page.locator('#tab-mint').click();
  await page.locator('#mint-scenario').selectOption('expired');
  await page.locator('#mint-button').click();
  await page.locator('#token-parts').waitFor();
  await page.locator('#mint-verify-button').click();
  await page.locator('#verify-verdict').waitFor();
  await page.locator('#app-services-button').click();
  await page.locator('#app-services-verdict').waitFor();
  t.same(await axeViolations(page), [], 'the verdicts shown: no serious or critical violations');
  await page.locator('#tab-keys').click();
  // A page that rotated before has a retiring key already: wait for one more.
  const retiring = page.locator('#key-timeline [data-state="retiring"]');
  const before = await retiring.count();
  await page.locator('#rotate-id:not([disabled])').click();
  await retiring.nth(before).waitFor();
}
