import type { UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';

/** Cognito's AuthFactorType: what a pool's `Policies.SignInPolicy.AllowedFirstAuthFactors` may list. */
export const authFactors = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;

/** The challenges a USER_AUTH sign-in may offer: a first factor, with PASSWORD split into its two forms. */
export type FirstChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** The pool's first factors: PASSWORD alone unless its SignInPolicy says otherwise (Cognito's default). */
export function allowedFirstAuthFactors(pool: Pick<Pool, 'settings'>): string[] {
  return pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/**
 * What the user can do as a first factor (SELECT_CHALLENGE's AvailableChallenges): PASSWORD and
 * PASSWORD_SRP when the pool allows passwords, EMAIL_OTP when the pool allows it and the user has a
 * verified email, SMS_OTP when it allows that and the user has a verified phone number, WEB_AUTHN when it
 * allows that and the user registered a passkey. Without a user (an unknown
 * name answered as if it existed) the password forms alone.
 */
export function availableChallenges(pool: Pick<Pool, 'settings'>, user: UserRecord | undefined): FirstChallenge[] {
  const allowed = allowedFirstAuthFactors(pool);
  const available: FirstChallenge[] = [];
  if (allowed.includes('PASSWORD')) available.push('PASSWORD', 'PASSWORD_SRP');
  if (user && allowed.includes('EMAIL_OTP') && user.attributes.email && user.attributes.email_verified === 'true') available.push('EMAIL_OTP');
  if (user && allowed.includes('SMS_OTP') && user.attributes.phone_number && user.attributes.phone_number_verified === 'true') available.push('SMS_OTP');
  if (user?.passkeys?.length && allowed.includes('WEB_AUTHN')) available.push('WEB_AUTHN');
  return available;
}
