import type { TokenUse, UserRecord } from '../config/types.js';
import { canRead } from '../cognito/client-settings.js';
import { identitiesClaim } from '../cognito/federation-identities.js';
import { groupsOf } from '../cognito/groups.js';
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

/** The attribute value as an ID token carries it: `*_verified` are booleans, `identities` a list, everything else (custom:* too) a string. */
function tokenValue(name: string, value: string): unknown {
  if (name === 'identities') return identitiesClaim(value);
  return name.endsWith('_verified') ? value === 'true' : value;
}

/**
 * The group claims of a user's tokens. Cognito's API reference (the Precedence member of
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html)
 * says: lower Precedence wins, over higher or null Precedence; the group that wins gives
 * `cognito:preferred_role`; groups of equal Precedence tie, and a tie of different roles sets no
 * `cognito:preferred_role` (a tie of one role sets it). The order of `cognito:groups` is not
 * documented: it is by precedence here too (lowest first, groups without one last, ties in the
 * order the user joined them), the order AWS's own sample authorizer relies on when it reads
 * `cognito:groups[0]` as the user's top group (amazon-archives/aws-serverless-auth-reference-app,
 * api/lambda/authorizer.js). `cognito:roles` (ID token only, as `cognito:preferred_role`) lists the
 * distinct RoleArns of the user's groups in that order.
 *
 * Only the user's own groups are sorted (each found in O(1), see findGroup), so the pool's group
 * count does not slow minting.
 */
export function groupClaims(pool: Pool, user: UserRecord): { groups?: string[]; roles?: string[]; preferredRole?: string } {
  if (!user.groups.length) return {};
  const groups = groupsOf(pool, user);
  const withRole = groups.filter((g) => g.roleArn !== undefined);
  if (!withRole.length) return { groups: groups.map((g) => g.name) };
  const top = withRole[0]!;
  const tied = withRole.filter((g) => g.precedence === top.precedence);
  return {
    groups: groups.map((g) => g.name),
    roles: [...new Set(withRole.map((g) => g.roleArn!))],
    ...(tied.every((g) => g.roleArn === top.roleArn) ? { preferredRole: top.roleArn! } : {}),
  };
}

/**
 * The claims Cognito puts in an ID or access token, in the order real tokens show them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html,
 * …-using-the-access-token.html). `cognito:groups` only when the user has groups, and in the ID
 * token `cognito:roles` / `cognito:preferred_role` only when their groups have roles
 * ({@link groupClaims}); access tokens carry `client_id` and no `aud`.
 */
export function baseClaims(use: TokenUse, input: ClaimInput): Record<string, unknown> {
  const { user, client, session } = input;
  const g = groupClaims(input.pool, user);
  const groups = g.groups ? { 'cognito:groups': g.groups } : {};
  const roles = {
    ...(g.preferredRole !== undefined ? { 'cognito:preferred_role': g.preferredRole } : {}),
    ...(g.roles ? { 'cognito:roles': g.roles } : {}),
  };
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
      .filter(([name]) => name !== 'sub' && canRead(client, name))
      .map(([name, value]) => [name, tokenValue(name, value)]),
  );
  return {
    sub: user.sub,
    ...groups,
    ...roles,
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
