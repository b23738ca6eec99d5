import { Secret, TOTP } from 'otpauth';
import type { UserMfa, UserRecord } from '../config/types.js';
import type { Pool, PoolMfaConfig } from '../directory/pool.js';

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

export function totpAllowed(pool: Pool): boolean {
  return pool.mfaConfig?.SoftwareTokenMfaConfiguration?.Enabled === true;
}
