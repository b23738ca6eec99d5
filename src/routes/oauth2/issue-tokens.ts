import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../../config/types.js';
import type { AuthenticationResult, SignIns } from '../../cognito/sign-ins.js';
import type { Client, Pool } from '../../directory/directory.js';

/** A user's tokens from the OAuth endpoints: `version: 2`, `at_hash`, the nonce; an ID token only with `openid`. */
export function issueUserTokens(
  signIns: SignIns,
  grant: { pool: Pool; client: Client; user: UserRecord; scopes: readonly string[]; nonce?: string | undefined; authTime: number; withRefreshToken: boolean },
): Promise<AuthenticationResult> {
  return signIns.issue({
    pool: grant.pool,
    client: grant.client,
    user: grant.user,
    scope: grant.scopes.join(' '),
    oauth: { nonce: grant.nonce },
    withoutIdToken: !grant.scopes.includes('openid'),
    withRefreshToken: grant.withRefreshToken,
    source: 'TokenGeneration_HostedAuth',
    // A new sign-in (its own origin_jti) whose auth_time is the hosted-UI sign-in's.
    session: { originJti: randomUUID(), eventId: randomUUID(), authTime: grant.authTime },
  });
}

/** The token endpoint's JSON, in Cognito's order (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html). */
export function tokenResponse(result: AuthenticationResult): Record<string, string | number> {
  return {
    access_token: result.AccessToken,
    ...(result.IdToken ? { id_token: result.IdToken } : {}),
    ...(result.RefreshToken ? { refresh_token: result.RefreshToken } : {}),
    token_type: result.TokenType,
    expires_in: result.ExpiresIn,
  };
}
