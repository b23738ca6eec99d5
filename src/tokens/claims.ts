import type { TokenUse, UserRecord } from '../config/types.js';
import type { Client, Pool } from '../directory/directory.js';

/** What one sign-in's tokens share: Cognito links them by `origin_jti` and keeps `auth_time` across refreshes. */
export interface SignInContext {
  originJti: string;
  eventId: string;
  /** Epoch seconds of the original sign-in. */
  authTime: number;
}

export interface ClaimInput {
  pool: Pool;
  client: Client;
  user: UserRecord;
  issuer: string;
  session: SignInContext;
  jti: string;
  /** Epoch seconds. */
  issuedAt: number;
  ttlSeconds: number;
  /** Access tokens: the space-separated scopes; API flows get `aws.cognito.signin.user.admin`. */
  scope: string;
}

/** The attribute value as an ID token carries it: `*_verified` are booleans, everything else (custom:* too) a string. */
function tokenValue(name: string, value: string): unknown {
  return name.endsWith('_verified') ? value === 'true' : value;
}

/**
 * The claims Cognito puts in an ID or access token (reference/cognito.md §2.2,
 * §2.3), in the order real tokens show them. `cognito:groups` only when the
 * user has groups; access tokens carry `client_id` and no `aud`.
 */
export function baseClaims(use: TokenUse, input: ClaimInput): Record<string, unknown> {
  const { user, client, session } = input;
  const groups = user.groups.length ? { 'cognito:groups': [...user.groups] } : {};
  const times = { auth_time: session.authTime, exp: input.issuedAt + input.ttlSeconds, iat: input.issuedAt, jti: input.jti };

  if (use === 'access') {
    return {
      sub: user.sub,
      ...groups,
      iss: input.issuer,
      client_id: client.id,
      origin_jti: session.originJti,
      event_id: session.eventId,
      token_use: 'access',
      scope: input.scope,
      ...times,
      username: user.username,
    };
  }
  const attributes = Object.fromEntries(
    Object.entries(user.attributes)
      .filter(([name]) => name !== 'sub')
      .map(([name, value]) => [name, tokenValue(name, value)]),
  );
  return {
    sub: user.sub,
    ...groups,
    iss: input.issuer,
    'cognito:username': user.username,
    origin_jti: session.originJti,
    aud: client.id,
    event_id: session.eventId,
    token_use: 'id',
    ...attributes,
    ...times,
  };
}
