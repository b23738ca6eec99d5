import { byId } from './dom.js';

/** The page's sections, in tab order. */
export const tabIds = ['mint', 'verify', 'keys', 'time', 'triggers', 'matrix', 'lessons'] as const;
export type TabId = (typeof tabIds)[number];

const listeners = new Set<(tab: TabId) => void>();

/** Calls `listener` whenever a tab is shown. */
export function onTabShown(listener: (tab: TabId) => void): void {
  listeners.add(listener);
}

/** The tab shown now. */
export function currentTab(): TabId {
  return tabIds.find((id) => byId(`tab-${id}`).getAttribute('aria-selected') === 'true') ?? 'mint';
}

/** Shows one panel and marks its tab selected (the others leave the tab order, as the ARIA tabs pattern has it). */
export function showTab(tab: TabId, { focus = false } = {}): void {
  for (const id of tabIds) {
    const selected = id === tab;
    const button = byId(`tab-${id}`);
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${id}`).hidden = !selected;
    if (selected && focus) button.focus();
  }
  for (const listener of listeners) listener(tab);
}

/** Click or Enter/Space selects a tab; arrow keys, Home and End move between tabs and select them. */
export function initTabs(): void {
  for (const id of tabIds) {
    const button = byId(`tab-${id}`);
    button.addEventListener('click', () => showTab(id));
    button.addEventListener('keydown', (event) => {
      const index = tabIds.indexOf(id);
      const next =
        event.key === 'ArrowRight' ? (index + 1) % tabIds.length
        : event.key === 'ArrowLeft' ? (index - 1 + tabIds.length) % tabIds.length
        : event.key === 'Home' ? 0
        : event.key === 'End' ? tabIds.length - 1
        : null;
      if (next === null) return;
      event.preventDefault();
      showTab(tabIds[next]!, { focus: true });
    });
  }
}
