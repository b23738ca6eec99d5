import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/directory.js';

/**
 * Where SignUp (and ResendConfirmationCode) send the confirmation code, whose use by ConfirmSignUp verifies
 * that attribute, as the pool's `AutoVerifiedAttributes` say:
 * - the phone number when the pool auto-verifies it and the user has one (with both listed, Cognito
 *   verifies the phone number only: the AWS CDK's AutoVerifiedAttrs notes, and the developer guide's
 *   user-pool-settings-email-phone-verification page);
 * - else the email when the pool auto-verifies it and the user has one;
 * - else `'none'`: no CodeDeliveryDetails, and ConfirmSignUp verifies nothing;
 * - configured pools (no such setting), `undefined`: as before, the email, else the phone number.
 */
export function signUpCodeTarget(pool: Pool, user: UserRecord): 'email' | 'phone_number' | 'none' | undefined {
  const auto = pool.settings.AutoVerifiedAttributes;
  if (auto === undefined && pool.origin === 'config') return undefined;
  if (auto?.includes('phone_number') && user.attributes.phone_number) return 'phone_number';
  if (auto?.includes('email') && user.attributes.email) return 'email';
  return 'none';
}
