import { api } from './api.js';
import { whileBusy } from './busy.js';
import { onTick, serverNowMs } from './clock-view.js';
import { byId, formatTime, h, setOptions, show, showError } from './dom.js';
import { refreshPools } from './pool-list.js';
import { emit, on, state } from './state.js';
import { currentTab, onTabShown } from './tabs.js';
import { axisWindow, fraction, keyEvents, keyStretches, ticks, type AxisWindow } from './timeline-axis.js';
import type { KeyInfo, KeyState, TokenUse } from './wire.js';

/** How often the Keys panel rereads the key ring and the JWKS while it is shown. */
const pollMs = 5000;

const stateWords: Record<KeyState, string> = {
  pending: 'published, not signing yet',
  active: 'signs new tokens',
  retiring: 'replaced; still published',
  retired: 'gone from the JWKS',
};

const keyStates: readonly KeyState[] = ['pending', 'active', 'retiring', 'retired'];
const useNames: Record<TokenUse, string> = { id: 'ID', access: 'access' };

const poolSelect = () => byId<HTMLSelectElement>('keys-pool');
const short = (kid: string) => `${kid.slice(0, 10)}…`;
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** The kid of the token last minted, when it belongs to the pool shown. */
function signerKid(): string | null {
  const minted = state.minted;
  return minted && minted.pool === poolSelect().value && typeof minted.header.kid === 'string' ? minted.header.kid : null;
}

/** The token last minted, when it belongs to the pool shown and carries `iat` and `exp`: its bar on the axis. */
function tokenSpan(): { iat: number; exp: number; use: TokenUse } | null {
  const minted = state.minted;
  const { iat, exp } = minted?.payload ?? {};
  if (!minted || minted.pool !== poolSelect().value || typeof iat !== 'number' || typeof exp !== 'number') return null;
  return { iat: iat * 1000, exp: exp * 1000, use: minted.tokenUse };
}

/**
 * Marks an element as drawn from `start` to `end` (epoch ms) on the axis;
 * null hides it. {@link layout} turns the times into positions.
 */
function place(element: HTMLElement, start: number | null, end: number | null = start): void {
  element.hidden = start === null || end === null || end <= start;
  element.dataset.start = String(start ?? 0);
  element.dataset.end = String(end ?? 0);
}

/** The times of a key as a sentence, for screen readers and the row's tooltip. */
function timesText(key: KeyInfo): string {
  const times: Array<[string, string | null]> = [
    ['published', key.createdAt],
    ['signs from', key.activatesAt],
    ['replaced', key.supersededAt],
    [key.state === 'retired' ? 'left the JWKS' : 'leaves the JWKS', key.retiresAt],
  ];
  return `${times
    .filter(([, at]) => at)
    .map(([label, at]) => `${label} ${formatTime(Date.parse(at!))}`)
    .join(', ')}.`;
}

/** A pending key made after the server's time: the clock was moved back before it existed. */
const madeLater = (key: KeyInfo) => key.state === 'pending' && Date.parse(key.createdAt) > serverNowMs();

/** A key's row: its state in words, its kid, Retire; and its life as stretches on the axis (drawn, not read out: the words say it). */
function keyRow(existing: HTMLElement | null, key: KeyInfo, signer: string | null): HTMLElement {
  let row = existing;
  if (!row) {
    // `data-new` until its entrance (CSS) has run: a row slides in once, not each time the tab shows.
    row = h(
      'li',
      { 'data-kid': key.kid, 'data-new': true },
      h('div', { class: 'row-label' }),
      h('div', { class: 'track', 'aria-hidden': 'true' }, ...keyStates.map((s) => h('span', { class: `seg seg-${s}`, 'data-seg': s }, s))),
    );
    row.addEventListener('animationend', () => row!.removeAttribute('data-new'), { once: true });
  }
  row.className = `key ${key.state}${key.kid === signer ? ' signer' : ''}`;
  row.dataset.state = key.state;
  row.title = `${key.kid}: ${timesText(key)}`;
  const retire =
    key.state === 'retired'
      ? null
      : h('button', { type: 'button', class: 'small secondary', 'data-retire': key.kid, 'aria-label': `Retire now: key ${short(key.kid)}` }, 'Retire now');
  show(
    row.querySelector('.row-label')!,
    h('span', { class: 'state' }, key.state),
    ' ',
    h('code', { class: 'kid', title: key.kid }, short(key.kid)),
    h('span', { class: 'state-words' }, ` ${madeLater(key) ? 'made after the server\'s time (the clock is behind it)' : stateWords[key.state]}`),
    key.kid === signer ? h('span', { class: 'signer-mark' }, '★ signed the current token') : null,
    h('span', { class: 'visually-hidden' }, ` Key ${key.kid}: ${timesText(key)}`),
    retire,
  );
  const stretches = keyStretches(key);
  for (const segment of row.querySelectorAll<HTMLElement>('.seg')) {
    const stretch = stretches.find((s) => s.state === segment.dataset.seg)!;
    place(segment, stretch.start, stretch.end);
  }
  return row;
}

/** The lanes whose "+N retired" row the learner opened: kept open across redraws. */
const openFolds = new Set<TokenUse>();

/**
 * Retired keys but the newest one and the signer of the current token, in one
 * row that opens to list their kids: a lane with many rotations behind it
 * stays short, and the ★ row always shows.
 */
function foldedRow(use: TokenUse, folded: KeyInfo[]): HTMLElement {
  const details = h(
    'details',
    { open: openFolds.has(use) },
    h('summary', {}, `+${folded.length} retired`),
    h('ul', {}, ...folded.map((k) => h('li', { 'data-folded-kid': k.kid }, k.kid))),
  );
  details.addEventListener('toggle', () => (details.open ? openFolds.add(use) : openFolds.delete(use)));
  return h('li', { class: 'key folded', 'data-folded': folded.length }, details);
}

/** A lane's keys, oldest first, old retired ones folded. */
function laneKeys(keys: KeyInfo[], use: TokenUse, signer: string | null): { shown: KeyInfo[]; folded: KeyInfo[] } {
  const lane = keys.filter((k) => k.use === use).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const retired = lane.filter((k) => k.state === 'retired');
  const newestRetired = retired.at(-1)?.kid;
  const folded = retired.filter((k) => k.kid !== newestRetired && k.kid !== signer);
  return { shown: lane.filter((k) => !folded.includes(k)), folded };
}

/**
 * Puts `wanted` in `list`, in order, moving only what must move: rows that
 * stay are never taken out of the page, so their bars glide to their new
 * places (CSS transitions) instead of being drawn anew.
 */
function reconcile(list: Element, wanted: Element[]): void {
  wanted.forEach((element, i) => {
    if (list.children[i] !== element) list.insertBefore(element, list.children[i] ?? null);
  });
  while (list.children.length > wanted.length) list.lastElementChild!.remove();
}

/** The parts of the timeline drawn once: the axis, the token's row, the overlap's row, a lane per token use. */
function skeleton(): HTMLElement {
  const root = byId('key-timeline');
  if (root.querySelector('.axis-row')) return root;
  const lane = (use: TokenUse, title: string) =>
    h(
      'section',
      { class: 'lane', 'aria-label': title, 'data-use': use },
      h('h3', {}, title),
      h('p', { class: 'lane-warning', hidden: true }),
      h('ol', {}),
    );
  const swatch = (kind: string, label: string) => h('span', { class: `swatch swatch-${kind}` }, label);
  show(
    root,
    h(
      'p',
      { class: 'timeline-legend' },
      ...keyStates.map((s) => swatch(s, s)),
      swatch('token', 'token iat → exp'),
      swatch('overlap', 'overlap'),
      swatch('now', 'now'),
    ),
    h(
      'div',
      { class: 'timeline-row axis-row', 'aria-hidden': 'true' },
      h('span', { class: 'row-label' }, 'UTC'),
      h('div', { class: 'track axis' }, h('div', { class: 'ticks', id: 'timeline-ticks' }), h('span', { class: 'now-label', id: 'timeline-now' }, 'now')),
    ),
    h(
      'div',
      { class: 'timeline-row token-row' },
      h('p', { class: 'row-label', id: 'timeline-token-label' }),
      h('div', { class: 'track', 'aria-hidden': 'true' }, h('span', { class: 'bar token-bar', id: 'timeline-token' }, 'token')),
    ),
    h(
      'div',
      { class: 'timeline-row overlap-row' },
      h('p', { class: 'row-label', id: 'timeline-overlap-label' }),
      h('div', { class: 'track', 'aria-hidden': 'true' }, h('span', { class: 'bar overlap-bar', id: 'timeline-overlap' })),
    ),
    lane('id', 'ID-token keys (oldest first)'),
    lane('access', 'Access-token keys'),
  );
  return root;
}

/** The keys drawn, with the times the axis fits in; the axis they are placed on. */
let shown: { events: number[]; axis: AxisWindow | null } = { events: [], axis: null };

/** Where the now line was last drawn, as a fraction of the axis. */
let drawnAt = -1;

/**
 * Places every drawn element on the axis and the now line at the server's
 * time. The axis is refitted when now (moving every second, or shifted) has
 * left it or the keys changed (`force`); otherwise only the now line moves.
 * On the clock's tick (`tick`) the line moves once it has gone a thousandth of
 * the axis (about a pixel): each move runs its 0.6 s transition, and a
 * second's move is a fraction of a pixel.
 */
function layout(force = false, tick = false): void {
  const root = byId('key-timeline');
  const now = serverNowMs();
  const axis = axisWindow(now, shown.events);
  const refit = force || !shown.axis || shown.axis.from !== axis.from || shown.axis.to !== axis.to;
  if (refit) {
    shown.axis = axis;
    root.dataset.from = String(axis.from);
    root.dataset.to = String(axis.to);
    show(
      byId('timeline-ticks'),
      ...ticks(axis).map(({ at, label }) => {
        const tick = h('span', { class: 'tick' }, label);
        tick.style.setProperty('--at', String(fraction(at, axis)));
        return tick;
      }),
    );
    for (const element of root.querySelectorAll<HTMLElement>('[data-start]')) {
      element.style.setProperty('--from', String(fraction(Number(element.dataset.start), axis)));
      element.style.setProperty('--to', String(fraction(Number(element.dataset.end), axis)));
    }
  }
  const at = fraction(now, shown.axis!);
  if (refit || !tick || Math.abs(at - drawnAt) >= 0.001) {
    root.style.setProperty('--now', String(at));
    drawnAt = at;
  }
  root.dataset.now = String(now);
  const label = byId('timeline-now');
  label.textContent = `now ${clockTime(now)}`;
  label.classList.toggle('flip', at > 0.5);
}

/** The overlap of a lane: the stretch its replaced key stays published while its successor signs (the signer's, or the latest). */
function overlapOf(keys: KeyInfo[], signer: string | null): KeyInfo | undefined {
  const replaced = keys.filter((k) => k.supersededAt !== null && k.retiresAt !== null).sort((a, b) => a.supersededAt!.localeCompare(b.supersededAt!));
  return replaced.find((k) => k.kid === signer) ?? replaced.find((k) => k.state === 'retiring') ?? replaced.at(-1);
}

function renderTimeline(keys: KeyInfo[]): void {
  const root = skeleton();
  const signer = signerKid();
  const token = tokenSpan();
  const events: number[] = [];
  for (const use of ['id', 'access'] as const) {
    const { shown: rows, folded } = laneKeys(keys, use, signer);
    const lane = root.querySelector<HTMLElement>(`.lane[data-use="${use}"]`)!;
    const list = lane.querySelector('ol')!;
    const wanted = rows.map((key) => keyRow(list.querySelector<HTMLElement>(`:scope > li[data-kid="${CSS.escape(key.kid)}"]`), key, signer));
    reconcile(list, folded.length ? [foldedRow(use, folded), ...wanted] : wanted);
    for (const key of rows) events.push(...keyEvents(key));
    const warning = lane.querySelector<HTMLElement>('.lane-warning')!;
    warning.hidden = rows.some((k) => k.state === 'active');
    warning.textContent = warning.hidden ? '' : `No key signs ${useNames[use]} tokens at the server's time: Mint refuses until the clock is back (Time tab) or a key is rotated.`;
  }

  const tokenLabel = byId('timeline-token-label');
  place(byId('timeline-token'), token?.iat ?? null, token?.exp ?? null);
  if (token) {
    events.push(token.iat, token.exp);
    tokenLabel.textContent = `Current ${useNames[token.use]} token: iat ${clockTime(token.iat)} → exp ${clockTime(token.exp)}`;
  } else {
    tokenLabel.textContent = 'Current token: none of this pool (mint one)';
  }

  const use = token?.use ?? 'id';
  const overlap = overlapOf(
    keys.filter((k) => k.use === use),
    signer,
  );
  const start = overlap ? Date.parse(overlap.supersededAt!) : null;
  const end = overlap ? Date.parse(overlap.retiresAt!) : null;
  place(byId('timeline-overlap'), start, end);
  byId('timeline-overlap-label').textContent =
    overlap && start! < end!
      ? `Overlap (${useNames[use]}): ${short(overlap.kid)} still published ${clockTime(start!)} → ${clockTime(end!)}`
      : overlap
        ? `Overlap (${useNames[use]}): none, ${short(overlap.kid)} was retired at once`
        : `Overlap (${useNames[use]}): none yet (no key replaced)`;
  shown = { events, axis: shown.axis };
  layout(true);
}

/** The kids of the JWKS the panel showed before, and what changed since: kept until the JWKS changes again. */
let lastJwks: { pool: string; kids: string[] } | null = null;
let jwksChanges: { added: string[]; removed: string[] } = { added: [], removed: [] };

/** `text` with each occurrence of a marked string wrapped by its maker (the first that matches wins). */
function marked(text: string, marks: Array<[string, (s: string) => HTMLElement]>): Array<string | HTMLElement> {
  const out: Array<string | HTMLElement> = [];
  let rest = text;
  for (;;) {
    let best: { at: number; value: string; make: (s: string) => HTMLElement } | null = null;
    for (const [value, make] of marks) {
      const at = value ? rest.indexOf(value) : -1;
      if (at >= 0 && (!best || at < best.at)) best = { at, value, make };
    }
    if (!best) break;
    out.push(rest.slice(0, best.at), best.make(best.value));
    rest = rest.slice(best.at + best.value.length);
  }
  out.push(rest);
  return out;
}

function renderJwks(pool: string, jwks: Awaited<ReturnType<typeof api.jwks>>): void {
  const keys = (jwks.body as { keys?: Array<{ kid?: string }> } | null)?.keys ?? [];
  const kids = keys.map((k) => String(k.kid));
  byId('jwks-meta').textContent =
    `GET /${pool}/.well-known/jwks.json: ${jwks.status}, ${keys.length} keys, Cache-Control ${jwks.cacheControl ?? 'none'}, ETag ${jwks.etag ?? 'none'}. Reread every ${pollMs / 1000} s while this tab is open.`;
  if (lastJwks?.pool !== pool) jwksChanges = { added: [], removed: [] };
  else if ([...lastJwks.kids].sort().join(' ') !== [...kids].sort().join(' ')) {
    const before = lastJwks.kids;
    jwksChanges = { added: kids.filter((k) => !before.includes(k)), removed: before.filter((k) => !kids.includes(k)) };
  }
  const first = lastJwks?.pool !== pool;
  lastJwks = { pool, kids };
  const { added, removed } = jwksChanges;
  show(
    byId('jwks-changes'),
    added.length || removed.length
      ? h(
          'ul',
          { 'aria-label': 'Kids added and removed since the JWKS shown before' },
          ...added.map((kid) => h('li', { class: 'added', 'data-added-kid': kid }, h('strong', {}, '+ added '), h('code', {}, kid))),
          ...removed.map((kid) => h('li', { class: 'removed', 'data-removed-kid': kid }, h('strong', {}, '− removed '), h('code', {}, kid), ' (tokens it signed now fail: UNKNOWN_KID)')),
        )
      : h('p', {}, first ? 'The kids added and removed from now on are marked here.' : 'No kid added or removed since the JWKS shown before.'),
  );
  const view = byId('jwks-view');
  view.dataset.kids = kids.join(' ');
  const signer = signerKid();
  show(
    view,
    ...marked(JSON.stringify(jwks.body, null, 2), [
      [signer ?? '', (kid) => h('mark', { title: 'the key that signed the current token' }, kid)],
      ...added.filter((kid) => kid !== signer).map((kid): [string, (s: string) => HTMLElement] => [kid, (s) => h('ins', { title: 'added since the JWKS shown before' }, s)]),
    ]),
  );
}

let drawn = '';

/**
 * Rereads the key ring (`GET /_mock/keys`) and the JWKS as served, and redraws
 * both when they changed (so polling does not take the keyboard focus away
 * from a Retire button; a redraw gives it back to the same key's button).
 */
export async function refreshKeys(): Promise<void> {
  const pool = poolSelect().value;
  const read = await Promise.all([api.keys(pool), api.jwks(pool)]).catch(async (error: unknown) => {
    // The pool may be gone (DeleteUserPool, POST /_mock/reset): reread the pools. Once it has left the
    // list, the list shows another pool (and redraws for it), so there is no error to show.
    if (pool === poolSelect().value) await refreshPools().catch(() => {});
    if (pool !== poolSelect().value) return null;
    throw error;
  });
  if (!read || pool !== poolSelect().value) return;
  const [keys, jwks] = read;
  const seen = JSON.stringify([pool, signerKid(), state.minted?.token ?? null, keys, jwks.body, jwks.etag]);
  if (seen === drawn) return;
  drawn = seen;
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.retire;
  renderTimeline(keys);
  renderJwks(pool, jwks);
  if (focused) byId('key-timeline').querySelector<HTMLElement>(`[data-retire="${CSS.escape(focused)}"]`)?.focus();
}

/** Rotates the pool's key for one token use; the replaced key starts retiring. */
export async function rotateKey(tokenUse: TokenUse): Promise<void> {
  const { rotated } = await whileBusy(byId<HTMLButtonElement>(`rotate-${tokenUse}`), () => api.rotate({ pool: poolSelect().value, tokenUse }));
  byId('keys-status').textContent = `Rotated the ${tokenUse === 'id' ? 'ID' : 'access'}-token key: new key ${rotated.map((k) => short(k.kid)).join(', ')} (${rotated.map((k) => k.state).join(', ')}).`;
  emit('keys-changed');
  await refreshKeys();
}

/** Takes a key out of the JWKS now. */
export async function retireKey(kid: string): Promise<void> {
  await whileBusy(byId('key-timeline').querySelector<HTMLButtonElement>(`[data-retire="${CSS.escape(kid)}"]`), () => api.retire(kid));
  byId('keys-status').textContent = `Retired key ${short(kid)}: it has left the JWKS.`;
  emit('keys-changed');
  await refreshKeys();
}

/** Shows the pool of the token last minted. */
export function showPoolOfToken(): void {
  if (state.minted) poolSelect().value = state.minted.pool;
}

/**
 * The Keys panel: one time axis with a now line, the current token's iat → exp
 * and the overlap of replaced keys, a row per key (its state in colour and in
 * words, Retire), rotate buttons, and the JWKS as served with the kids added
 * and removed since the JWKS shown before; reread while shown.
 */
export function initKeysView(): void {
  setOptions(poolSelect(), state.pools.map((p) => ({ value: p.id, label: p.id })), state.defaultPool);
  const error = byId('keys-error');
  const run = (action: () => Promise<void>) => {
    showError(error, null);
    action().catch((e: Error) => showError(error, e.message));
  };
  poolSelect().addEventListener('change', () => run(refreshKeys));
  byId('rotate-id').addEventListener('click', () => run(() => rotateKey('id')));
  byId('rotate-access').addEventListener('click', () => run(() => rotateKey('access')));
  byId('key-timeline').addEventListener('click', (event) => {
    const kid = (event.target as Element).closest<HTMLElement>('[data-retire]')?.dataset.retire;
    if (kid) run(() => retireKey(kid).then(() => byId('keys-status').focus()));
  });
  const refreshIfShown = () => {
    if (currentTab() === 'keys') run(refreshKeys);
  };
  on('minted', () => {
    showPoolOfToken();
    refreshIfShown();
  });
  on('clock-changed', refreshIfShown);
  onTabShown((tab) => {
    if (tab !== 'keys') return;
    if (shown.axis) layout();
    run(refreshKeys);
  });
  // The now line follows the server's clock every second; the axis is refitted when now leaves it.
  onTick(() => {
    if (currentTab() === 'keys' && shown.axis) layout(false, true);
  });
  setInterval(refreshIfShown, pollMs);
}
