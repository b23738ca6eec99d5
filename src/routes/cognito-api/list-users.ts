import { page } from '../../cognito/pages.js';
import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { userType } from '../../cognito/user-attributes.js';
import type { Pool } from '../../directory/directory.js';
import { attributeNameProblems } from './attribute-names.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { paginationTokenProblems, queryLimitProblems, refuse } from './query-limit.js';

/**
 * The attributes ListUsers can filter on, and whether their values match case-sensitively:
 * `username` and `status` do, the rest (`cognito:user_status` among them) do not. Custom
 * attributes cannot be searched.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-manage-user-accounts.html#cognito-user-pools-searching-for-users-listusers-api
 */
const filterable: Record<string, { caseSensitive: boolean }> = {
  username: { caseSensitive: true },
  email: { caseSensitive: false },
  phone_number: { caseSensitive: false },
  name: { caseSensitive: false },
  given_name: { caseSensitive: false },
  family_name: { caseSensitive: false },
  preferred_username: { caseSensitive: false },
  'cognito:user_status': { caseSensitive: false },
  status: { caseSensitive: true },
  sub: { caseSensitive: false },
};

/**
 * `ListUsers`: the pool's users, `Limit` (0–60; 0 or none means 60) at a time with an opaque
 * `PaginationToken`, optionally `Filter`ed by one attribute, `attr = "value"` (exact) or
 * `attr ^= "prefix"`, and then sorted by that attribute; only `AttributesToGet` when given.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 */
export const listUsers =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', AttributesToGet: 'stringList?', Limit: 'integer?', PaginationToken: 'string?' });
    // UserFilterType has no minimum length: an empty Filter lists everyone.
    const filterText = body.Filter ?? undefined;
    refuse([
      ...(filterText === undefined || typeof filterText === 'string' ? [] : ["Value at 'filter' failed to satisfy constraint: Member must be a string"]),
      ...attributeNameProblems('attributesToGet', input.AttributesToGet ?? []),
      ...queryLimitProblems('limit', input.Limit),
      ...paginationTokenProblems('paginationToken', input.PaginationToken),
      ...(typeof filterText === 'string' && filterText.length > 256
        ? [`Value '${filterText.slice(0, 60)}' at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256`]
        : []),
    ]);
    const pool = poolById(directory, input.UserPoolId);
    const filter = typeof filterText === 'string' && filterText.trim() ? parseFilter(filterText) : null;
    if (input.AttributesToGet) checkAttributesToGet(pool, input.AttributesToGet);
    const users = filter ? pool.users.filter(filter.matches).sort(filter.order) : pool.users;
    const { items, next } = page(users, input.Limit, input.PaginationToken);
    return { Users: items.map((u) => userType(u, dates.of(u), input.AttributesToGet)), ...(next ? { PaginationToken: next } : {}) };
  };

/** A parsed filter: which users match, and the order Cognito lists them in (by the attribute, ascending). */
export interface UserFilter {
  matches: (user: UserRecord) => boolean;
  order: (a: UserRecord, b: UserRecord) => number;
}

/**
 * `attr = "value"` or `attr ^= "prefix"`, spaces optional around the operator, `\"` for a
 * quotation mark inside the value. InvalidParameterException in Cognito's words otherwise:
 * `Error while parsing filter.` for anything else, `Invalid search attribute: …` for an
 * attribute that cannot be searched.
 */
export function parseFilter(filter: string): UserFilter {
  const m = /^\s*([\w:.-]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  const [, name = '', op, quoted = ''] = m;
  const rule = filterable[name];
  if (!rule) throw new CognitoError('InvalidParameterException', `Invalid search attribute: ${name}`);
  const fold = (value: string) => (rule.caseSensitive ? value : value.toLowerCase());
  const wanted = fold(quoted.replace(/\\(.)/g, '$1'));
  const key = (user: UserRecord) => fold(valueOf(user, name) ?? '');
  return {
    matches: (user) => {
      const value = valueOf(user, name);
      if (value === undefined) return false;
      return op === '=' ? fold(value) === wanted : fold(value).startsWith(wanted);
    },
    order: (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  };
}

/** `AttributesToGet` may name only attributes of the pool's schema (custom ones included). */
function checkAttributesToGet(pool: Pool, names: readonly string[]): void {
  const known = new Set(pool.settings.SchemaAttributes.map((a) => a.Name));
  if (names.every((n) => known.has(n) || /^custom:[\w.-]{1,20}$/.test(n))) return;
  throw new CognitoError('InvalidParameterException', 'One or more requested attributes do not exist.');
}

function valueOf(user: UserRecord, name: string): string | undefined {
  if (name === 'username') return user.username;
  if (name === 'sub') return user.sub;
  if (name === 'cognito:user_status') return user.status;
  if (name === 'status') return user.enabled ? 'Enabled' : 'Disabled';
  return user.attributes[name];
}
