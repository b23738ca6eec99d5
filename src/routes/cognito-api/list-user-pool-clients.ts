import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ListUserPoolClients`: the pool's clients in creation order as `{ClientId, UserPoolId, ClientName}`,
 * `MaxResults` (1–60, default 60) at a time with an opaque `NextToken`.
 */
export const listUserPoolClients =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', MaxResults: 'integer?', NextToken: 'string?' });
    if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > 60)) {
      throw validationError([
        `Value '${input.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${input.MaxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 60'}`,
      ]);
    }
    const pool = poolById(directory, input.UserPoolId);
    const start =
      input.NextToken === undefined
        ? 0
        : startAfter(
            input.NextToken,
            pool.clients.map((c) => c.id),
          );
    const end = start + (input.MaxResults ?? 60);
    return {
      UserPoolClients: pool.clients.slice(start, end).map((c) => ({ ClientId: c.id, UserPoolId: pool.id, ClientName: c.name })),
      ...(end < pool.clients.length ? { NextToken: Buffer.from(JSON.stringify({ after: pool.clients[end - 1]!.id })).toString('base64url') } : {}),
    };
  };

/** Where the page after a NextToken starts: after the client it names, so deleting clients between pages skips none. */
function startAfter(token: string, ids: string[]): number {
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  const index = typeof after === 'string' ? ids.indexOf(after) : -1;
  if (index < 0) throw new CognitoError('InvalidParameterException', 'Invalid NextToken');
  return index + 1;
}
