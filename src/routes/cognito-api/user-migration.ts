import type { UserRecord } from '../../config/types.js';
import { newUser } from '../../cognito/new-user.js';
import { generatePassword } from '../../cognito/password-policy.js';
import { checkNewIdentity, moveAliases, newIdentity } from '../../cognito/sign-in-names.js';
import { attributesFromList } from '../../cognito/user-attributes.js';
import { invalidLambdaResponse } from '../../triggers/trigger-errors.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import type { SignInTarget } from './sign-in-outcome.js';

export type MigrationDeps = Pick<CognitoApiDeps, 'directory' | 'dates' | 'triggers'>;

/** Why a name the pool does not have is being looked up: a sign-in with its password, or ForgotPassword. */
export type MigrationAsk =
  | { source: 'UserMigration_Authentication'; username: string; password: string; validationData: Record<string, string> | undefined }
  | { source: 'UserMigration_ForgotPassword'; username: string; clientMetadata: Record<string, string> | undefined };

/**
 * The user migration trigger (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html):
 * for a name the pool does not have, at a sign-in with a password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH)
 * or at ForgotPassword, the pool's UserMigration function is asked for the user. When it answers with
 * `userAttributes`, the user is created and the caller carries on with it:
 * - at sign-in, with the password given (the password policy is not applied, as the page says) and
 *   `finalUserStatus` CONFIRMED (the default) or RESET_REQUIRED (the sign-in then fails with
 *   PasswordResetRequiredException, as the page says the app must handle);
 * - at ForgotPassword, RESET_REQUIRED with no usable password, until ConfirmForgotPassword sets one.
 * The attributes are checked as AdminCreateUser checks them (schema, UsernameAttributes / AliasAttributes,
 * `forceAliasCreation`); a `sub` among them is left out (a migrated user gets a new one). Everything is
 * checked before the user is added: a failed trigger or a refused attribute creates no user.
 * Returns undefined when the pool has no UserMigration function or the function gave no attributes
 * (the name stays unknown). A function that throws gives UserLambdaValidationException
 * `UserMigration failed with error <message>.` (the runner's mapping).
 *
 * The request: `password` and `validationData` (InitiateAuth's ClientMetadata, as the InitiateAuth API reference
 * says) at sign-in; `clientMetadata` (ForgotPassword's ClientMetadata) at ForgotPassword. `messageAction` and
 * `desiredDeliveryMediums` are checked and have no effect: mock-idp sends no welcome message.
 */
export async function migrateUser(deps: MigrationDeps, { pool, client }: SignInTarget, ask: MigrationAsk, context: OperationContext): Promise<UserRecord | undefined> {
  if (!deps.triggers.functionOf(pool, 'UserMigration')) return undefined;
  const request =
    ask.source === 'UserMigration_Authentication'
      ? { password: ask.password, validationData: ask.validationData ?? null, userAttributes: null }
      : { clientMetadata: ask.clientMetadata ?? null, validationData: null, userAttributes: null };
  const result = await deps.triggers.run({
    pool,
    trigger: 'UserMigration',
    triggerSource: ask.source,
    userName: ask.username,
    clientId: client.id,
    awsSdkVersion: context.awsSdkVersion,
    request,
    response: { userAttributes: null, forceAliasCreation: null, enableSMSMFA: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null },
    check: checkMigrationResponse,
  });
  const response = result?.response ?? {};
  const returned = response.userAttributes as Record<string, string | number | boolean | null> | null | undefined;
  if (!returned || Object.keys(returned).length === 0) return undefined;

  const list = Object.entries(returned)
    .filter(([name, value]) => name !== 'sub' && value !== null)
    .map(([Name, value]) => ({ Name, Value: String(value) }));
  const identity = newIdentity(pool, ask.username, attributesFromList(list, pool, 'create'));
  const moves = checkNewIdentity(deps.directory, pool, identity, 'User account already exists', response.forceAliasCreation === true);
  const signIn = ask.source === 'UserMigration_Authentication';
  const status = signIn ? ((response.finalUserStatus as 'CONFIRMED' | 'RESET_REQUIRED' | null | undefined) ?? 'CONFIRMED') : 'RESET_REQUIRED';
  const password = signIn ? ask.password : generatePassword(pool.settings.Policies.PasswordPolicy);
  moveAliases(deps.directory, pool, moves);
  const user = deps.directory.addUser(pool, newUser({ pool: pool.id, username: identity.username, sub: identity.sub, password, status, attributes: identity.attributes }));
  deps.dates.created(user);
  context.log.info({ pool: pool.id, username: user.username, sub: user.sub, status, source: ask.source }, 'Cognito user migrated');
  return user;
}

/** The members of the migration response Cognito reads, each absent, null or of its documented type and values. */
function checkMigrationResponse(response: Record<string, unknown>): void {
  const attributes = response.userAttributes;
  if (attributes !== null && attributes !== undefined) {
    if (typeof attributes !== 'object' || Array.isArray(attributes)) throw invalidLambdaResponse('userAttributes is not a map of strings');
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw invalidLambdaResponse(`userAttributes.${name} is not a string`);
    }
  }
  oneOf(response, 'finalUserStatus', ['CONFIRMED', 'RESET_REQUIRED']);
  oneOf(response, 'messageAction', ['SUPPRESS', 'RESEND']);
  const mediums = response.desiredDeliveryMediums;
  if (mediums !== null && mediums !== undefined && (!Array.isArray(mediums) || mediums.some((m) => m !== 'SMS' && m !== 'EMAIL'))) {
    throw invalidLambdaResponse('desiredDeliveryMediums is not a list of SMS and EMAIL');
  }
  for (const name of ['forceAliasCreation', 'enableSMSMFA']) {
    const value = response[name];
    if (value !== null && value !== undefined && typeof value !== 'boolean') throw invalidLambdaResponse(`${name} is not a boolean`);
  }
}

function oneOf(response: Record<string, unknown>, name: string, values: readonly string[]): void {
  const value = response[name];
  if (value !== null && value !== undefined && !values.includes(value as string)) throw invalidLambdaResponse(`${name} is not one of ${values.join(', ')}`);
}
