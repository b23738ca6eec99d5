import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { userType } from '../../cognito/user-attributes.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** The attributes ListUsers can filter on (Cognito's list). */
const filterable = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub'];

/**
 * `ListUsers`: the pool's users in order, `Limit` (≤ 60, default 60) at a
 * time with an opaque `PaginationToken`, optionally `Filter`ed by
 * `attr = "value"` or `attr ^= "prefix"`, and only `AttributesToGet` when given.
 */
export const listUsers =
  ({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', AttributesToGet: 'stringList?', Limit: 'integer?', PaginationToken: 'string?', Filter: 'string?' });
    if (input.Limit !== undefined && (input.Limit < 0 || input.Limit > 60)) {
      throw validationError([`Value '${input.Limit}' at 'limit' failed to satisfy constraint: Member must have value ${input.Limit < 0 ? 'greater than or equal to 0' : 'less than or equal to 60'}`]);
    }
    const pool = poolById(directory, input.UserPoolId);
    const matches = input.Filter?.trim() ? parseFilter(input.Filter) : () => true;
    const users = pool.users.filter(matches);
    const start = input.PaginationToken === undefined ? 0 : offsetOf(input.PaginationToken);
    const end = start + (input.Limit || 60);
    return {
      Users: users.slice(start, end).map((u) => userType(u, dates.of(u), input.AttributesToGet)),
      ...(end < users.length ? { PaginationToken: Buffer.from(JSON.stringify({ offset: end })).toString('base64url') } : {}),
    };
  };

/** `attr = "value"` (exact) or `attr ^= "prefix"`; InvalidParameterException otherwise. */
export function parseFilter(filter: string): (user: UserRecord) => boolean {
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  const [, name = '', op, quoted = ''] = m;
  if (!filterable.includes(name)) throw new CognitoError('InvalidParameterException', `Invalid search attribute: ${name} (filterable: ${filterable.join(', ')})`);
  const wanted = quoted.replace(/\\(.)/g, '$1');
  return (user) => {
    const value = valueOf(user, name);
    if (value === undefined) return false;
    const [a, b] = name === 'username' ? [value.toLowerCase(), wanted.toLowerCase()] : [value, wanted];
    return op === '=' ? a === b : a.startsWith(b);
  };
}

function valueOf(user: UserRecord, name: string): string | undefined {
  if (name === 'username') return user.username;
  if (name === 'sub') return user.sub;
  if (name === 'cognito:user_status') return user.status;
  if (name === 'status') return user.enabled ? 'Enabled' : 'Disabled';
  return user.attributes[name];
}

function offsetOf(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // falls through
  }
  throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
}
