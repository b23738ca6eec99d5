import type { UserRecord } from '../config/types.js';
import type { Directory, Pool } from '../directory/directory.js';
import { sameSecret } from '../security/constant-time.js';
import { CognitoError } from './errors.js';
import { checkPasswordPolicy } from './password-policy.js';
import { passwordResetRequired } from './password-reset.js';

/**
 * The hosted login form's check: username (or email) and password, then the
 * account's state, with Cognito's error types. A user in
 * FORCE_CHANGE_PASSWORD is returned: the caller asks for a new password.
 */
export function passwordLogin(directory: Directory, pool: Pool, username: string, password: string): UserRecord {
  const user = username ? directory.findUser(pool, username) : undefined;
  if (!user || !sameSecret(password, user.password)) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
  return checkAccount(user);
}

/** The "sign in as" shortcut of the mock's login page: no password, but the account's state still counts. */
export function pickLogin(pool: Pool, username: string): UserRecord {
  const user = pool.users.find((u) => u.username === username);
  if (!user) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
  return checkAccount(user);
}

/** Replaces a temporary password (FORCE_CHANGE_PASSWORD → CONFIRMED) under the pool's password policy, in memory until POST /_mock/reset. */
export function setNewPassword(pool: Pool, user: UserRecord, newPassword: string, confirmation: string): void {
  if (newPassword !== confirmation) throw new CognitoError('InvalidParameterException', 'Passwords do not match.');
  checkPasswordPolicy(newPassword, pool.settings.Policies.PasswordPolicy);
  user.password = newPassword;
  user.status = 'CONFIRMED';
}

function checkAccount(user: UserRecord): UserRecord {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  return user;
}
