import type { UserRecord } from '../config/types.js';
import { CognitoError } from './errors.js';
import type { VerifiableAttribute } from './verifiable-attributes.js';

/**
 * Where AdminResetUserPassword may send its code, in Cognito's order of checks: a disabled
 * user is refused, so is one whose password was never set or confirmed (UNCONFIRMED,
 * FORCE_CHANGE_PASSWORD), and one with neither a verified email nor a verified phone number.
 */
export function resetDestination(user: UserRecord): VerifiableAttribute {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status !== 'CONFIRMED' && user.status !== 'RESET_REQUIRED') {
    throw new CognitoError('NotAuthorizedException', 'User password cannot be reset in the current state.');
  }
  if (user.attributes.email && user.attributes.email_verified === 'true') return 'email';
  if (user.attributes.phone_number && user.attributes.phone_number_verified === 'true') return 'phone_number';
  throw new CognitoError('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
}

/** Cognito's answer to signing in while RESET_REQUIRED, until ConfirmForgotPassword sets a new password. */
export const passwordResetRequired = () => new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
