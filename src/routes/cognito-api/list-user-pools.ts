import { CognitoError } from '../../cognito/errors.js';
import { userPoolDescription } from '../../cognito/pool-description.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ListUserPools`: every pool (configured ones first, then those created, in creation order),
 * `MaxResults` (1–60, required) at a time with an opaque `NextToken`.
 */
export const listUserPools =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { MaxResults: 'integer', NextToken: 'string?' });
    if (input.MaxResults < 1 || input.MaxResults > 60) {
      throw validationError([`Value '${input.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${input.MaxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 60'}`]);
    }
    const pools = directory.pools();
    const start = input.NextToken === undefined ? 0 : offsetOf(input.NextToken);
    const end = start + input.MaxResults;
    return {
      UserPools: pools.slice(start, end).map(userPoolDescription),
      ...(end < pools.length ? { NextToken: Buffer.from(JSON.stringify({ offset: end })).toString('base64url') } : {}),
    };
  };

function offsetOf(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // falls through
  }
  throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
}
