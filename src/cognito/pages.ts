import { CognitoError } from './errors.js';

/**
 * One page of a list and the token of the next (Cognito's `NextToken` / `PaginationToken`), `limit`
 * at a time (0 or none: `fullPage`). The token is opaque to clients: the offset of the next page.
 *
 * @example
 * const { items, next } = page(pool.groups, input.Limit, input.NextToken);
 * return { Groups: items.map(groupType), ...(next ? { NextToken: next } : {}) };
 */
export function page<T>(items: readonly T[], limit: number | undefined, token: string | undefined, fullPage = 60): { items: T[]; next?: string } {
  const start = token === undefined ? 0 : offsetOf(token);
  const end = start + (limit || fullPage);
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(JSON.stringify({ offset: end })).toString('base64url') } : {}) };
}

/** The offset a page token holds: InvalidParameterException `Invalid pagination token.` for anything this server did not hand out. */
function offsetOf(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // falls through
  }
  throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
}
