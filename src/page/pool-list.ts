/**
 * The pools the page offers follow the server's: pools made or deleted after the page loaded
 * (CreateUserPool, DeleteUserPool, POST /_mock/reset), and clients or users added to a pool, show
 * up when a tab is shown or the window gets the focus back, without a reload.
 */
import { api } from './api.js';
import { byId, setOptions } from './dom.js';
import { state } from './state.js';
import { onTabShown } from './tabs.js';

/** Every pool `<select>` on the page. */
const poolSelectIds = ['mint-pool', 'verify-pool', 'keys-pool', 'trigger-sign-in-pool'] as const;

/** Rereads `GET /_mock/pools` and refills each pool list, keeping each choice while its pool exists. */
export async function refreshPools(): Promise<void> {
  const { defaultPool, pools } = await api.pools();
  const before = JSON.stringify(state.pools);
  Object.assign(state, { defaultPool, pools });
  if (JSON.stringify(pools) === before) return;
  for (const id of poolSelectIds) {
    const select = byId<HTMLSelectElement>(id);
    const chosen = select.value;
    setOptions(select, pools.map((p) => ({ value: p.id, label: p.id })), pools.some((p) => p.id === chosen) ? chosen : defaultPool);
    // The views refill what depends on the pool (its clients and users, its keys) on change.
    select.dispatchEvent(new Event('change'));
  }
}

/** Keeps the pool lists current from now on. */
export function initPoolList(): void {
  const refresh = () => void refreshPools().catch(() => {});
  onTabShown(refresh);
  window.addEventListener('focus', refresh);
}
