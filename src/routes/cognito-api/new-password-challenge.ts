import { CognitoError } from '../../cognito/errors.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { checkAttributeChanges } from '../../cognito/sign-in-names.js';
import { attributesFromList, checkRequiredAttributes } from '../../cognito/user-attributes.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { afterPassword, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';

const prefix = 'userAttributes.';

/**
 * The NEW_PASSWORD_REQUIRED answer: `NEW_PASSWORD` (Cognito's policy) and any
 * `userAttributes.<name>` to set, with the challenge's `Session`. The user
 * becomes CONFIRMED and gets tokens. A password the policy refuses leaves the
 * session usable, so the user can try again.
 */
export async function answerNewPassword(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'srp' | 'dates' | 'codes' | 'triggers'>,
  { pool, client }: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const username = requiredParameter(responses, 'USERNAME');
  const newPassword = requiredParameter(responses, 'NEW_PASSWORD');
  const challenge = deps.challenges.open('new-password', session);
  const user = deps.directory.findUser(pool, username);
  if (challenge.pool !== pool.id || challenge.client !== client.id || !user || user.username !== challenge.username || user.status !== 'FORCE_CHANGE_PASSWORD') {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  }
  checkSecretHash(client, [username, user.username], responses?.SECRET_HASH);
  checkPasswordPolicy(newPassword, pool.settings.Policies.PasswordPolicy);
  const attributes = attributesFromList(
    Object.entries(responses ?? {})
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, Value]) => ({ Name: name.slice(prefix.length), Value })),
    pool,
    'update',
  );
  // Required attributes an administrator left out (AdminCreateUser) are given here.
  checkRequiredAttributes(pool, { ...user.attributes, ...attributes });
  checkAttributeChanges(deps.directory, pool, user, attributes);
  deps.challenges.consume(challenge);
  deps.directory.setAttributes(pool, user, attributes);
  user.password = newPassword;
  user.status = 'CONFIRMED';
  deps.dates.modified(user);
  context.log.info({ pool: pool.id, username: user.username }, 'Cognito new password set (NEW_PASSWORD_REQUIRED)');
  return afterPassword(deps, { pool, client }, user, context, 'TokenGeneration_NewPasswordChallenge');
}
