import { Secret, TOTP } from 'otpauth';
import type { UserMfa, UserRecord } from '../config/types.js';
import type { Pool, PoolMfaConfig } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/** RFC 6238 as authenticator apps and Cognito use it: SHA-1, 6 digits, 30-second steps. */
const periodSeconds = 30;

function totp(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: periodSeconds });
}

/** A new TOTP secret: 20 random bytes, 32 base32 characters, the length of Cognito's SecretCode. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The TOTP code of `secret` at `now` (epoch ms); for tests and the control API. */
export function totpCode(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

/**
 * The 30-second step `code` belongs to when it is `secret`'s code now, one step before or one after
 * (clocks drift); null otherwise.
 */
export function totpStep(secret: string, code: string, now: number): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / periodSeconds) + delta;
}

/**
 * Accepts `code` for `secret` when it is current and newer than the last code the user used (a code
 * works once); records its step. False, with nothing changed, otherwise.
 */
export function acceptTotp(user: UserRecord, secret: string, code: string, now: number): boolean {
  const step = totpStep(secret, code, now);
  if (step === null || step <= (user.mfa?.lastTotpStep ?? -1)) return false;
  userMfa(user).lastTotpStep = step;
  return true;
}

/** The user's MFA state, made when first needed. */
export function userMfa(user: UserRecord): UserMfa {
  user.mfa ??= {};
  return user.mfa;
}

/** The pool's MfaConfiguration and MFA types, as GetUserPoolMfaConfig describes them. */
export function poolMfaDescription(pool: Pool): PoolMfaConfig & { MfaConfiguration: string } {
  const config = structuredClone(pool.mfaConfig ?? {});
  return { ...config, SoftwareTokenMfaConfiguration: config.SoftwareTokenMfaConfiguration ?? { Enabled: false }, MfaConfiguration: pool.settings.MfaConfiguration };
}

/** Sign-in asks for a TOTP code: the pool has MFA (ON or OPTIONAL) with authenticator apps, and the user turned it on. */
export function totpRequired(pool: Pool, user: UserRecord): boolean {
  return pool.settings.MfaConfiguration !== 'OFF' && totpAllowed(pool) && user.mfa?.totpEnabled === true && Boolean(user.mfa.totpSecret);
}

/** Sign-in makes the user set up TOTP first: MFA is ON, authenticator apps allowed, and the user has no MFA. */
export function totpSetupRequired(pool: Pool, user: UserRecord): boolean {
  return pool.settings.MfaConfiguration === 'ON' && totpAllowed(pool) && user.mfa?.totpEnabled !== true;
}

export function totpAllowed(pool: Pool): boolean {
  return pool.mfaConfig?.SoftwareTokenMfaConfiguration?.Enabled === true;
}

/** GetUser / AdminGetUser's `UserMFASettingList` and `PreferredMfaSetting`, when the user has MFA. */
export function userMfaSettings(user: UserRecord): { UserMFASettingList?: string[]; PreferredMfaSetting?: string } {
  if (!user.mfa?.totpEnabled) return {};
  return { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], ...(user.mfa.totpPreferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}) };
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference: `SoftwareTokenMfaSettings {Enabled, PreferredMfa}`
 * for the user. Checks everything before changing anything. SMS and email MFA are not emulated: asking
 * to turn them on is refused, turning them off does nothing.
 */
export function setMfaPreference(
  user: UserRecord,
  input: { SoftwareTokenMfaSettings?: Record<string, unknown>; SMSMfaSettings?: Record<string, unknown>; EmailMfaSettings?: Record<string, unknown> },
): void {
  for (const [member, type] of [
    ['SMSMfaSettings', 'SMS_MFA'],
    ['EmailMfaSettings', 'EMAIL_OTP'],
  ] as const) {
    const settings = input[member];
    if (settings && (settings.Enabled === true || settings.PreferredMfa === true)) {
      throw new CognitoError('InvalidParameterException', `mock-idp does not emulate ${type} yet: only SoftwareTokenMfaSettings can be turned on`);
    }
  }
  const totp = input.SoftwareTokenMfaSettings;
  if (!totp) return;
  for (const flag of ['Enabled', 'PreferredMfa'] as const) {
    if (totp[flag] !== undefined && typeof totp[flag] !== 'boolean') {
      throw new CognitoError(
        'InvalidParameterException',
        `1 validation error detected: Value at 'softwareTokenMfaSettings.${flag === 'Enabled' ? 'enabled' : 'preferredMfa'}' failed to satisfy constraint: Member must be a boolean`,
      );
    }
  }
  const enable = totp.Enabled === true || totp.PreferredMfa === true;
  if (enable && !user.mfa?.totpSecret) throw new CognitoError('InvalidParameterException', 'User has not verified software token mfa');
  if (totp.Enabled === undefined && totp.PreferredMfa === undefined) return;
  const mfa = userMfa(user);
  mfa.totpEnabled = enable;
  mfa.totpPreferred = totp.PreferredMfa === true;
}
