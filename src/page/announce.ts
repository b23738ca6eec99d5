/**
 * Screen-reader announcements: one polite status line (`#announcer`, visually
 * hidden) that says short sentences, never whole tokens, tables or a countdown
 * ticking every second. The panels that show results are not live regions
 * themselves; the verdict line of each result is announced here instead.
 */
import { byId } from './dom.js';

/** Says `text` once, politely (the same text twice in a row is said again). */
export function announce(text: string): void {
  const line = byId('announcer');
  // Emptied first, so a repeated sentence counts as a change.
  line.textContent = '';
  requestAnimationFrame(() => {
    line.textContent = text;
  });
}

/** The one-line verdicts the result panels show, by the element that holds them: announced when (re)drawn. */
const verdictLines: Array<[container: string, line: string]> = [
  ['mint-result', '#mint-expected'],
  ['verify-result', '#verify-verdict'],
  ['app-services-result', '#app-services-verdict'],
];

/** Announces each verdict line as its panel draws a new one. */
export function initAnnouncer(): void {
  for (const [container, selector] of verdictLines) {
    let last: Element | null = null;
    new MutationObserver(() => {
      const line = byId(container).querySelector(selector);
      if (!line || line === last) return;
      last = line;
      announce(line.textContent ?? '');
    }).observe(byId(container), { childList: true, subtree: true });
  }
}
