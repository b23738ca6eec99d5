import { CognitoError } from '../../cognito/errors.js';
import { passkeyDescription } from '../../cognito/passkeys.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { paginationTokenProblems, refuse } from './query-limit.js';

/** MaxResults: 1 to 20 (WebAuthnCredentialsQueryLimitType), 20 when left out. */
const maxResults = 20;

/**
 * `ListWebAuthnCredentials`: the access token's user's passkeys, oldest first, MaxResults at a time;
 * NextToken (the id of the next passkey) continues the list.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html
 */
export const listWebAuthnCredentials =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', NextToken: 'string?', MaxResults: 'integer?' });
    const problems = paginationTokenProblems('nextToken', input.NextToken);
    if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > maxResults)) {
      problems.push(
        `Value '${input.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${input.MaxResults < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxResults}`}`,
      );
    }
    refuse(problems);
    const { user } = await userOfAccessToken(signIns, input.AccessToken);
    const passkeys = user.passkeys ?? [];
    const start = input.NextToken === undefined ? 0 : passkeys.findIndex((p) => Buffer.from(p.id).toString('base64url') === input.NextToken);
    if (start < 0) throw new CognitoError('InvalidParameterException', 'Invalid NextToken.');
    const page = passkeys.slice(start, start + (input.MaxResults ?? maxResults));
    const next = passkeys[start + page.length];
    return { Credentials: page.map(passkeyDescription), ...(next ? { NextToken: Buffer.from(next.id).toString('base64url') } : {}) };
  };
