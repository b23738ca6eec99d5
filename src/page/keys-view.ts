import { api } from './api.js';
import { whileBusy } from './busy.js';
import { byId, formatTime, h, setOptions, show, showError } from './dom.js';
import { refreshPools } from './pool-list.js';
import { emit, on, state } from './state.js';
import { currentTab, onTabShown } from './tabs.js';
import type { KeyInfo, TokenUse } from './wire.js';

/** How often the Keys panel rereads the key ring and the JWKS while it is shown. */
const pollMs = 5000;

const stateWords: Record<KeyInfo['state'], string> = {
  pending: 'published, not signing yet',
  active: 'signs new tokens',
  retiring: 'replaced; still published',
  retired: 'gone from the JWKS',
};

const poolSelect = () => byId<HTMLSelectElement>('keys-pool');
const short = (kid: string) => `${kid.slice(0, 10)}…`;

/** The kid of the token last minted, when it belongs to the pool shown. */
function signerKid(): string | null {
  const minted = state.minted;
  return minted && minted.pool === poolSelect().value && typeof minted.header.kid === 'string' ? minted.header.kid : null;
}

function keyCard(key: KeyInfo, signer: string | null): HTMLElement {
  const times: Array<[string, string | null]> = [
    ['published', key.createdAt],
    ['signs from', key.activatesAt],
    ['replaced', key.supersededAt],
    [key.state === 'retired' ? 'left JWKS' : 'leaves JWKS', key.retiresAt],
  ];
  const retire =
    key.state === 'retired'
      ? null
      : h('button', { type: 'button', class: 'small secondary', 'data-retire': key.kid, 'aria-label': `Retire now: key ${short(key.kid)}` }, 'Retire now');
  return h(
    'li',
    { class: `key ${key.state}${key.kid === signer ? ' signer' : ''}`, 'data-kid': key.kid, 'data-state': key.state },
    h('span', { class: 'state' }, key.state),
    ` ${stateWords[key.state]}`,
    h('div', { class: 'kid', title: key.kid }, key.kid),
    h('dl', {}, ...times.filter(([, at]) => at).flatMap(([label, at]) => [h('dt', {}, label), h('dd', {}, formatTime(Date.parse(at!)).replace(' UTC', ''))])),
    key.kid === signer ? h('span', { class: 'signer-mark' }, '★ signed the current token') : null,
    retire,
  );
}

/** The lanes whose "+N retired" card the learner opened: kept open across redraws. */
const openFolds = new Set<TokenUse>();

/**
 * Retired keys but the newest one and the signer of the current token, in one
 * card that opens to list their kids: a lane with many rotations behind it
 * stays short, and the ★ card always shows.
 */
function foldedCard(use: TokenUse, folded: KeyInfo[]): HTMLElement {
  const details = h(
    'details',
    { open: openFolds.has(use) },
    h('summary', {}, `+${folded.length} retired`),
    h('ul', {}, ...folded.map((k) => h('li', { 'data-folded-kid': k.kid }, k.kid))),
  );
  details.addEventListener('toggle', () => (details.open ? openFolds.add(use) : openFolds.delete(use)));
  return h('li', { class: 'key folded', 'data-folded': folded.length }, details);
}

function laneCards(keys: KeyInfo[], use: TokenUse, signer: string | null): HTMLElement[] {
  const lane = keys.filter((k) => k.use === use).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const retired = lane.filter((k) => k.state === 'retired');
  const newestRetired = retired.at(-1)?.kid;
  const folded = retired.filter((k) => k.kid !== newestRetired && k.kid !== signer);
  const cards = lane.filter((k) => !folded.includes(k)).map((k) => keyCard(k, signer));
  return folded.length ? [foldedCard(use, folded), ...cards] : cards;
}

function renderTimeline(keys: KeyInfo[]): void {
  const signer = signerKid();
  const lane = (use: TokenUse, title: string) =>
    h('section', { class: 'lane', 'aria-label': title, 'data-use': use }, h('h3', {}, title), h('ol', {}, ...laneCards(keys, use, signer)));
  show(byId('key-timeline'), lane('id', 'ID-token keys (oldest first, times UTC)'), lane('access', 'Access-token keys'));
}

function renderJwks(jwks: Awaited<ReturnType<typeof api.jwks>>): void {
  const keys = (jwks.body as { keys?: Array<{ kid?: string }> } | null)?.keys ?? [];
  byId('jwks-meta').textContent =
    `GET /${poolSelect().value}/.well-known/jwks.json: ${jwks.status}, ${keys.length} keys, Cache-Control ${jwks.cacheControl ?? 'none'}, ETag ${jwks.etag ?? 'none'}. Reread every ${pollMs / 1000} s while this tab is open.`;
  const text = JSON.stringify(jwks.body, null, 2);
  const view = byId('jwks-view');
  view.dataset.kids = keys.map((k) => k.kid).join(' ');
  const signer = signerKid();
  if (!signer || !text.includes(signer)) return show(view, text);
  const [before, ...after] = text.split(signer);
  show(view, before, h('mark', { title: 'the key that signed the current token' }, signer), after.join(signer));
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
  const seen = JSON.stringify([pool, signerKid(), keys, jwks.body, jwks.etag]);
  if (seen === drawn) return;
  drawn = seen;
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.retire;
  renderTimeline(keys);
  renderJwks(jwks);
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

/** The Keys panel: a timeline per token use, rotate and retire buttons, and the JWKS, reread while shown. */
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
    if (tab === 'keys') run(refreshKeys);
  });
  setInterval(refreshIfShown, pollMs);
}
