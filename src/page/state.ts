import type { AppInfo, MintResponse, PoolInfo, ScenarioInfo, TokenUse } from './wire.js';

/** What every view reads: the server's pools (kept current by pool-list.ts), scenarios and apps, and the token last minted. */
export interface PageState {
  defaultPool: string;
  pools: PoolInfo[];
  scenarios: ScenarioInfo[];
  apps: AppInfo[];
  /** The token last minted on the page, with what the server said about it. */
  minted: MintResponse | null;
  /**
   * What the app that asked for that token expects: the pool, client and token
   * type chosen when minting (a `wrong-token-use` token is of the other type).
   */
  expectation: { pool: string; client: string; tokenUse: TokenUse } | null;
}

export const state: PageState = { defaultPool: '', pools: [], scenarios: [], apps: [], minted: null, expectation: null };

/** Events views send each other: a new token was minted, the keys or the clock changed, a user signed in through Cognito's API. */
export type PageEvent = 'minted' | 'keys-changed' | 'clock-changed' | 'signed-in';

const bus = new EventTarget();

/** Tells every listener of `event`. */
export function emit(event: PageEvent): void {
  bus.dispatchEvent(new Event(event));
}

/** Calls `listener` on every `event`. */
export function on(event: PageEvent, listener: () => void): void {
  bus.addEventListener(event, listener);
}

/** The pool with this id (the default pool when unknown). */
export function poolById(id: string): PoolInfo {
  return state.pools.find((p) => p.id === id) ?? state.pools.find((p) => p.id === state.defaultPool) ?? state.pools[0]!;
}

/** The scenario with this name, if the table has it. */
export function scenarioByName(name: string): ScenarioInfo | undefined {
  return state.scenarios.find((s) => s.name === name);
}
