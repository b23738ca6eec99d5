import type { UserRecord } from '../../config/types.js';
import type { Directory, Pool } from '../../directory/directory.js';

/** Users the login page lists at most. */
export const loginListSize = 50;
/** Users a search looks through at most (after the exact matches, which come from indexes). */
export const loginSearchScanLimit = 20_000;
/** Longest search text taken. */
const searchMaxLength = 128;

/** The users the hosted login page lists, and what to say about those it does not. */
export interface LoginUsers {
  users: UserRecord[];
  /** The search, trimmed ('' for none). */
  search: string;
  /** Users in the pool. */
  total: number;
  /** More users match than are listed (or the search stopped looking before the end of the pool). */
  more: boolean;
}

/**
 * The "pick a user" list of the hosted login page, bounded whatever the pool's size, so the page
 * stays small and quick after any number of sign-ups. Without a search: the pool's first
 * {@link loginListSize} users. With one: the user with exactly that username, email or sub (from the
 * directory's indexes, so any user can be found in one step), then users whose username or email
 * contains it (case-insensitive), looking through at most {@link loginSearchScanLimit} users.
 */
export function loginUsers(directory: Directory, pool: Pool, rawSearch: string | null | undefined): LoginUsers {
  const search = (rawSearch ?? '').trim().slice(0, searchMaxLength);
  const total = pool.users.length;
  if (!search) return { users: pool.users.slice(0, loginListSize), search, total, more: total > loginListSize };
  const found = new Set<UserRecord>();
  const exact = directory.findUser(pool, search);
  if (exact) found.add(exact);
  const needle = search.toLowerCase();
  const scanned = Math.min(total, loginSearchScanLimit);
  let more = total > scanned;
  for (let i = 0; i < scanned; i++) {
    const user = pool.users[i]!;
    if (found.has(user)) continue;
    if (!user.username.toLowerCase().includes(needle) && !user.attributes.email?.toLowerCase().includes(needle)) continue;
    if (found.size === loginListSize) {
      more = true;
      break;
    }
    found.add(user);
  }
  return { users: [...found], search, total, more };
}
