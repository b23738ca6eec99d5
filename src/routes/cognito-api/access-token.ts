import { CognitoError } from '../../cognito/errors.js';
import type { SignIns } from '../../cognito/sign-ins.js';

/**
 * The user an access token belongs to, for the user self-service operations
 * (GetUser, UpdateUserAttributes, GlobalSignOut…): the token must verify, be
 * neither revoked nor signed out, and carry `aws.cognito.signin.user.admin`.
 */
export async function userOfAccessToken(signIns: SignIns, token: string) {
  const found = await signIns.checkAccessToken(token);
  const scopes = String(found.claims.scope ?? '').split(' ');
  if (!scopes.includes('aws.cognito.signin.user.admin')) throw new CognitoError('NotAuthorizedException', 'Access Token does not have required scopes');
  return found;
}
