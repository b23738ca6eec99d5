import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { passwordResetRequired } from '../../cognito/password-reset.js';
import { userExistenceError } from '../../cognito/client-settings.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { missingRequiredAttributes } from '../../cognito/user-attributes.js';
import type { AuthenticationResult } from '../../cognito/sign-ins.js';
import type { Client, Pool } from '../../directory/directory.js';
import { sameSecret } from '../../security/constant-time.js';
import { requiredParameter } from './input.js';
import { mfaChallenge } from './mfa-step.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';

/** The body of InitiateAuth, AdminInitiateAuth and RespondToAuthChallenge answers. */
export interface AuthResponse {
  ChallengeName?: 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP' | 'SELECT_CHALLENGE' | 'PASSWORD' | 'EMAIL_OTP';
  Session?: string;
  ChallengeParameters: Record<string, string>;
  /** SELECT_CHALLENGE's choices (USER_AUTH). */
  AvailableChallenges?: string[];
  AuthenticationResult?: AuthenticationResult;
}

export interface SignInTarget {
  pool: Pool;
  client: Client;
}

/** Cognito's answer to a wrong password, and (PreventUserExistenceErrors ENABLED) to an unknown user; LEGACY clients get UserNotFoundException. */
export const incorrect = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.');

/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the secret hash first, then
 * the password, then {@link afterPassword}.
 */
export async function passwordSignIn(
  deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges'>,
  { pool, client }: SignInTarget,
  params: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const username = requiredParameter(params, 'USERNAME');
  const password = requiredParameter(params, 'PASSWORD');
  const user = deps.directory.findUser(pool, username);
  checkSecretHash(client, user ? [username, user.username] : [username], params?.SECRET_HASH);
  if (!user) throw userExistenceError(client) ?? incorrect();
  if (!samePassword(user.password, password)) throw incorrect();
  return afterPassword(deps, { pool, client }, user, context);
}

/**
 * Once the password is proven, in Cognito's order: a disabled user is refused,
 * an unconfirmed one told so, a RESET_REQUIRED one (AdminResetUserPassword) told
 * to reset it, a FORCE_CHANGE_PASSWORD one gets the NEW_PASSWORD_REQUIRED
 * challenge; then MFA (SOFTWARE_TOKEN_MFA or MFA_SETUP) when the pool's MFA applies to the user;
 * everyone else gets tokens.
 */
export async function afterPassword(
  { signIns, challenges }: Pick<CognitoApiDeps, 'signIns' | 'challenges'>,
  { pool, client }: SignInTarget,
  user: UserRecord,
  context: OperationContext,
): Promise<AuthResponse> {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const attributes = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== 'sub'));
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenges.seal({ kind: 'new-password', pool: pool.id, client: client.id, username: user.username }),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: JSON.stringify(missingRequiredAttributes(pool, user.attributes).map((name) => `userAttributes.${name}`)),
        userAttributes: JSON.stringify(attributes),
      },
    };
  }
  return mfaChallenge(challenges, { pool, client }, user) ?? signedIn(signIns, { pool, client }, user, context);
}

/** A new sign-in's three tokens. */
export async function signedIn(signIns: CognitoApiDeps['signIns'], { pool, client }: SignInTarget, user: UserRecord, { log }: OperationContext): Promise<AuthResponse> {
  const result = await signIns.issue({ pool, client, user, withRefreshToken: true });
  log.info({ pool: pool.id, client: client.id, username: user.username }, 'Cognito sign-in');
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** Constant-time password comparison. */
export function samePassword(expected: string, given: string): boolean {
  return sameSecret(given, expected);
}
