import type { PoolConfig, UserRecord } from './types.js';

/**
 * The users file's users as the configured pools take them. A user belongs to
 * the pool its `pool` names. A pool whose `users` is `"*"` (or left out) and that the file
 * puts nobody in (a pool of your own beside the bundled fixture users, whose
 * pools the config no longer has) takes a copy of every user whose `pool` is
 * not a configured pool: `"*"` then means what it says, all of them, rather
 * than an empty pool. A list of usernames takes only users the file puts in
 * that pool (load-config checks it).
 *
 * @example
 * placeUsers([{ id: 'us-west-2_Mine', users: '*', clients }], fixtureUsers) // the fixture users, in us-west-2_Mine
 */
export function placeUsers(pools: readonly PoolConfig[], users: readonly UserRecord[]): UserRecord[] {
  const configured = new Set(pools.map((p) => p.id));
  const unplaced = users.filter((u) => !configured.has(u.pool));
  if (unplaced.length === 0) return [...users];
  // `users` left out means "*" (configuredPool in src/directory/directory.ts reads it so).
  const adopting = pools.filter((p) => (p.users === '*' || p.users === undefined) && !users.some((u) => u.pool === p.id));
  return [...users, ...adopting.flatMap((p) => unplaced.map((u) => ({ ...structuredClone(u), pool: p.id })))];
}
