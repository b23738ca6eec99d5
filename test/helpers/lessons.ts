import type { Page } from 'playwright-core';

/** Presses a lesson's Check: whether the lesson accepted the learner's work, and what it said. */
export async function checkLesson(page: Page): Promise<{ ok: boolean; text: string }> {
  await page.locator('#lesson-check:not([disabled])').click();
  await page.locator('#lesson-check:not([disabled])').waitFor();
  const feedback = page.locator('#lesson-feedback');
  return { ok: (await feedback.getAttribute('data-right')) === 'true', text: (await feedback.textContent())! };
}
