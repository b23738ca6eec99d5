/**
 * The Matrix tab (src/page/matrix-view.ts): each ⚠ cell links to its note
 * and back, each note says which option of the library would fix it, codes
 * wrap only at their underscores (never mid-word) at every screen size, and a
 * click on a row, or Enter on its Try it button, mints and verifies that
 * scenario. One page for the whole file, resized rather than reloaded;
 * chromium, in-process server, manual clock.
 */
import type { Page } from 'playwright-core';
import t from 'tap';
import { axeViolations, openAuditPage } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestIdp } from '../helpers/idp.js';
import { overflow } from '../helpers/page-layout.js';

const browser = await launchBrowser(t);

/**
 * The cells whose text wraps inside a word: within one text node (the view
 * ends a node at each underscore, with a <wbr> after it), two letters side by
 * side on different lines, except after a hyphen, where the words of a
 * kebab-case scenario name meet (as an underscore joins a code's). Run in the
 * page; a string, as the tests have no DOM types.
 */
const midWordBreaks = (page: Page) =>
  page.evaluate<string[]>(`(() => {
    const found = [];
    for (const cell of document.querySelectorAll('#matrix-table td, #matrix-table tbody th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        const range = document.createRange();
        let previous = null;
        for (let i = 0; i < text.length; i++) {
          if (/\\s/.test(text[i])) { previous = null; continue; }
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (previous && rect.top >= previous.bottom - 1 && text[i - 1] !== '-') found.push(cell.textContent.trim() + ' (at "' + text.slice(0, i) + '|' + text.slice(i) + '")');
          previous = rect;
        }
      }
    }
    return found;
  })()`);

if (browser) {
  t.test('the matrix: notes and fixes, codes whole, a row click tries its scenario', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openAuditPage(t, browser, idp.url);
    await page.locator('#tab-matrix').click();
    await page.locator('#matrix-table').waitFor();

    // jose accepts a token without sub: its cell links to a note that names requiredClaims, and the note links back.
    const row = page.locator('#matrix-table tr[data-scenario="missing-sub"]');
    const joseCell = row.locator('td').nth(1);
    const link = joseCell.locator('sup a');
    const noteId = (await link.getAttribute('href'))!.slice(1);
    const note = page.locator(`#${noteId}`);
    t.match(await note.locator('.fix').textContent(), /^Fix: requiredClaims: \['sub'\]\./, "jose's note: the option that fixes it");
    t.equal(await note.locator('.fix code').first().textContent(), "requiredClaims: ['sub']", 'the option as code');
    t.equal(await note.locator('a.back').getAttribute('href'), `#${await joseCell.getAttribute('id')}`, 'the note links back to its cell');
    t.equal(await note.evaluate((li) => li.closest('li:not([id])')?.querySelector('h4')?.textContent), 'jose 6', 'the note is grouped under its library');
    const fixes = await page.locator('#matrix-notes .fix').count();
    t.equal(fixes, await page.locator('#matrix-table sup a').count(), 'every note has its fix');
    await link.click();
    t.equal(new URL(page.url()).hash, `#${noteId}`, 'the footnote link jumps to its note');
    t.equal(await page.locator('#tab-matrix').getAttribute('aria-selected'), 'true', 'and tries nothing: still on the Matrix tab');

    // Codes wrap only at their underscores, at the projector's size and on a phone.
    t.same(await midWordBreaks(page), [], '1280 px: no code broken mid-word');
    await page.setViewportSize({ width: 390, height: 844 });
    t.equal(await overflow(page), 0, '390 px: no horizontal scroll');
    t.same(await midWordBreaks(page), [], '390 px: no code broken mid-word');
    await page.setViewportSize({ width: 1920, height: 1080 });
    t.equal(await overflow(page), 0, '1920 px: no horizontal scroll');
    t.same(await midWordBreaks(page), [], '1920 px: no code broken mid-word');
    await page.setViewportSize({ width: 1280, height: 720 });

    t.same(await axeViolations(page, { include: '#panel-matrix' }), [], 'axe-core: the Matrix tab has no serious or critical violations');

    // A click on the row (not on its button) mints the scenario and verifies it; the focus goes to the verdict.
    await page.locator('#matrix-table tr[data-scenario="expired"] td').first().click();
    await page.locator('#verify-verdict[data-code="EXPIRED"]').waitFor();
    t.equal(await page.locator('#tab-verify').getAttribute('aria-selected'), 'true', 'a row click: the Verify tab shows the verdict');
    t.equal(await page.locator('#mint-scenario').inputValue(), 'expired', 'minted as the row\'s scenario');
    t.equal(await page.evaluate<string>('document.activeElement.id'), 'verify-verdict', 'the focus is on the verdict');

    // Enter on a row's Try it button, access tokens this time.
    await page.locator('#tab-matrix').click();
    await page.locator('#matrix-token-use').selectOption('access');
    const tryButton = page.locator('#matrix-table tr[data-scenario="wrong-token-use"] [data-try]');
    await tryButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('#verify-verdict[data-code="WRONG_TOKEN_USE"]').waitFor();
    t.equal(await page.locator('#mint-token-use').inputValue(), 'access', 'minted as an access token, the table\'s type');
  });
}
