import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { passwordResetRequired } from '../../cognito/password-reset.js';
import { userExistenceError } from '../../cognito/client-settings.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { missingRequiredAttributes } from '../../cognito/user-attributes.js';
import type { AuthenticationResult } from '../../cognito/sign-ins.js';
import type { TokenGenerationSource } from '../../triggers/pre-token-generation.js';
import type { Client, Pool } from '../../directory/directory.js';
import { sameSecret } from '../../security/constant-time.js';
import { runPostAuthentication, runPreAuthentication } from '../../triggers/authentication.js';
import { migrateUser } from './user-migration.js';
import { requiredParameter } from './input.js';
import { mfaChallenge } from './mfa-step.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';

/** The body of InitiateAuth, AdminInitiateAuth and RespondToAuthChallenge answers. */
export interface AuthResponse {
  ChallengeName?:
    | 'PASSWORD_VERIFIER'
    | 'NEW_PASSWORD_REQUIRED'
    | 'SOFTWARE_TOKEN_MFA'
    | 'MFA_SETUP'
    | 'SELECT_CHALLENGE'
    | 'PASSWORD'
    | 'EMAIL_OTP'
    | 'SMS_MFA'
    | 'SELECT_MFA_TYPE'
    | 'SMS_OTP'
    | 'CUSTOM_CHALLENGE'
    | 'WEB_AUTHN';
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
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the secret hash first, then (for a name the pool
 * does not have) the UserMigration trigger with `clientMetadata` as its validationData, then
 * the pre authentication function, then the password, then {@link afterPassword}.
 */
export async function passwordSignIn(
  deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'codes' | 'dates' | 'triggers'>,
  { pool, client }: SignInTarget,
  params: Record<string, string> | undefined,
  context: OperationContext,
  clientMetadata?: Record<string, string>,
): Promise<AuthResponse> {
  const username = requiredParameter(params, 'USERNAME');
  const password = requiredParameter(params, 'PASSWORD');
  const found = deps.directory.findUser(pool, username);
  checkSecretHash(client, found ? [username, found.username] : [username], params?.SECRET_HASH);
  // A name the pool does not have: the UserMigration function may bring the user in (user-migration.ts).
  const user = found ?? (await migrateUser(deps, { pool, client }, { source: 'UserMigration_Authentication', username, password, validationData: clientMetadata }, context));
  if (!user) throw userExistenceError(client) ?? incorrect();
  // The pre authentication function sees a known user before the password is checked.
  await runPreAuthentication(deps.triggers, { pool, user, clientId: client.id, awsSdkVersion: context.awsSdkVersion, validationData: clientMetadata });
  if (!samePassword(user.password, password)) throw incorrect();
  return afterPassword(deps, { pool, client }, user, context);
}

/**
 * Once the password is proven, in Cognito's order: a disabled user is refused,
 * an unconfirmed one told so, a RESET_REQUIRED one (AdminResetUserPassword) told
 * to reset it, a FORCE_CHANGE_PASSWORD one gets the NEW_PASSWORD_REQUIRED
 * challenge; then MFA ({@link mfaChallenge}: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE or
 * MFA_SETUP) when the pool's MFA applies to the user; everyone else gets tokens.
 */
export async function afterPassword(
  { signIns, challenges, codes, triggers }: Pick<CognitoApiDeps, 'signIns' | 'challenges' | 'codes' | 'triggers'>,
  { pool, client }: SignInTarget,
  user: UserRecord,
  context: OperationContext,
  source?: TokenGenerationSource,
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
  return (await mfaChallenge({ challenges, codes, triggers }, { pool, client }, user, context)) ?? signedIn({ signIns, triggers }, { pool, client }, user, context, source);
}

/**
 * A new sign-in's three tokens (`source`: the pre token generation event's, default TokenGeneration_Authentication),
 * after the pool's post authentication function: every JSON API sign-in that ends in tokens ends here (refreshes do not).
 */
export async function signedIn(
  { signIns, triggers }: Pick<CognitoApiDeps, 'signIns' | 'triggers'>,
  { pool, client }: SignInTarget,
  user: UserRecord,
  { log, awsSdkVersion, clientMetadata }: OperationContext,
  source?: TokenGenerationSource,
): Promise<AuthResponse> {
  // ClientMetadata reaches it from RespondToAuthChallenge, not from InitiateAuth (the InitiateAuth API reference lists
  // the triggers InitiateAuth's ClientMetadata goes to; PostAuthentication is not among them).
  await runPostAuthentication(triggers, { pool, user, clientId: client.id, awsSdkVersion, clientMetadata });
  const result = await signIns.issue({ pool, client, user, withRefreshToken: true, source, awsSdkVersion, clientMetadata });
  log.info({ pool: pool.id, client: client.id, username: user.username }, 'Cognito sign-in');
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** Constant-time password comparison. */
export function samePassword(expected: string, given: string): boolean {
  return sameSecret(given, expected);
}
