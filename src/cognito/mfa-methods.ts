import type { UserMfa, UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';
import { CognitoError } from './errors.js';
import { totpAllowed, userMfa } from './mfa.js';

/** Cognito's MFA types (ChallengeNameType), in the order mock-idp lists them in UserMFASettingList. */
export const mfaTypes = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
export type MfaType = (typeof mfaTypes)[number];

/** Where each type lives: SetUserMFAPreference's member, the user's flags. */
const methods = {
  SMS_MFA: { member: 'SMSMfaSettings', wire: 'sMSMfaSettings', enabled: 'smsEnabled', preferred: 'smsPreferred' },
  SOFTWARE_TOKEN_MFA: { member: 'SoftwareTokenMfaSettings', wire: 'softwareTokenMfaSettings', enabled: 'totpEnabled', preferred: 'totpPreferred' },
  EMAIL_OTP: { member: 'EmailMfaSettings', wire: 'emailMfaSettings', enabled: 'emailEnabled', preferred: 'emailPreferred' },
} as const satisfies Record<MfaType, { member: string; wire: string; enabled: keyof UserMfa; preferred: keyof UserMfa }>;

/**
 * What comes after the password (or SRP's PASSWORD_VERIFIER, or USER_AUTH's PASSWORD / PASSWORD_SRP, or
 * the hosted login's password form), as the developer guide's "Adding MFA to a user pool"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html) describes it:
 * - the one MFA type the user has on (and the pool allows), or their preferred one among several;
 * - SELECT_MFA_TYPE with the choices when several are on and none is preferred;
 * - MFA ON and the user has none on: a code to the phone (SMS MFA allowed) or the email (email MFA allowed)
 *   they have, SELECT_MFA_TYPE when both could; otherwise MFA_SETUP with the types the pool allows;
 * - undefined: no MFA (pool OFF, or OPTIONAL and the user has none on).
 * One decision for every sign-in path, so the API and the hosted login agree.
 */
export type MfaStep = { challenge: MfaType } | { challenge: 'SELECT_MFA_TYPE' | 'MFA_SETUP'; choices: MfaType[] };

export function mfaStepFor(pool: Pool, user: UserRecord): MfaStep | undefined {
  if (pool.settings.MfaConfiguration === 'OFF') return undefined;
  const allowed = poolMfaTypes(pool);
  let usable = userMfaTypes(user).filter((type) => allowed.includes(type));
  if (usable.length === 0) {
    if (pool.settings.MfaConfiguration !== 'ON') return undefined;
    // MFA required and none turned on: SMS and email MFA need no setting up once the user has the
    // attribute (developer guide, user-pool-settings-mfa-sms-email-message.html).
    usable = allowed.filter((type) => type !== 'SOFTWARE_TOKEN_MFA' && canReceive(user, type));
    if (usable.length === 0) return allowed.length ? { challenge: 'MFA_SETUP', choices: allowed } : undefined;
  }
  if (usable.length === 1) return { challenge: usable[0]! };
  const preferred = preferredMfa(user);
  if (preferred && usable.includes(preferred)) return { challenge: preferred };
  return { challenge: 'SELECT_MFA_TYPE', choices: usable };
}

/**
 * The MFA types the pool lets users sign in with: SMS when SetUserPoolMfaConfig gave an
 * SmsMfaConfiguration, authenticator apps when SoftwareTokenMfaConfiguration is enabled, email when it
 * gave an EmailMfaConfiguration. MFAS_CAN_SETUP lists these.
 */
export function poolMfaTypes(pool: Pool): MfaType[] {
  return mfaTypes.filter((type) => (type === 'SMS_MFA' ? Boolean(pool.mfaConfig?.SmsMfaConfiguration) : type === 'EMAIL_OTP' ? Boolean(pool.mfaConfig?.EmailMfaConfiguration) : totpAllowed(pool)));
}

/** The MFA types the user turned on and can still use (UserMFASettingList): SMS and email need the attribute, TOTP a verified secret. */
export function userMfaTypes(user: UserRecord): MfaType[] {
  return mfaTypes.filter((type) => user.mfa?.[methods[type].enabled] === true && canReceive(user, type));
}

/** The user's PreferredMfaSetting, when it is one of their UserMFASettingList. */
export function preferredMfa(user: UserRecord): MfaType | undefined {
  return userMfaTypes(user).find((type) => user.mfa?.[methods[type].preferred] === true);
}

/** The user can get a code of this type: a phone_number for SMS, an email for email, a verified TOTP secret. */
function canReceive(user: UserRecord, type: MfaType): boolean {
  if (type === 'SMS_MFA') return Boolean(user.attributes.phone_number);
  if (type === 'EMAIL_OTP') return Boolean(user.attributes.email);
  return Boolean(user.mfa?.totpSecret);
}

/**
 * GetUser / AdminGetUser's `UserMFASettingList` and `PreferredMfaSetting` when the user has MFA on, and
 * the legacy `MFAOptions` (which only ever describes SMS MFA, API_GetUser.html) when SMS MFA is on.
 */
export function userMfaSettings(user: UserRecord): { UserMFASettingList?: string[]; PreferredMfaSetting?: string; MFAOptions?: { DeliveryMedium: string; AttributeName: string }[] } {
  const list = userMfaTypes(user);
  if (list.length === 0) return {};
  const preferred = preferredMfa(user);
  return {
    ...(list.includes('SMS_MFA') ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    UserMFASettingList: list,
    ...(preferred ? { PreferredMfaSetting: preferred } : {}),
  };
}

type Settings = Record<string, unknown> | undefined;

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference: `SMSMfaSettings`, `SoftwareTokenMfaSettings` and
 * `EmailMfaSettings`, each `{Enabled, PreferredMfa}` (PreferredMfa true also turns the type on; a type
 * made preferred takes the preference from the others). Checks everything before changing anything:
 * TOTP needs a verified authenticator app, SMS a phone_number, email an email (Cognito sends MFA codes
 * to unverified ones too, developer guide user-pool-settings-mfa-sms-email-message.html), and email MFA
 * a pool in the Essentials tier or higher (API_EmailMfaSettingsType.html).
 */
export function setMfaPreference(pool: Pool, user: UserRecord, input: Partial<Record<'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings', Settings>>): void {
  const problems: string[] = [];
  for (const type of mfaTypes) {
    const settings = input[methods[type].member];
    for (const flag of ['Enabled', 'PreferredMfa'] as const) {
      if (settings?.[flag] !== undefined && typeof settings[flag] !== 'boolean') {
        problems.push(`Value at '${methods[type].wire}.${flag === 'Enabled' ? 'enabled' : 'preferredMfa'}' failed to satisfy constraint: Member must be a boolean`);
      }
    }
  }
  if (problems.length) throw new CognitoError('InvalidParameterException', `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${problems.join('; ')}`);
  const changes = mfaTypes.flatMap((type) => {
    const settings = input[methods[type].member];
    if (!settings || (settings.Enabled === undefined && settings.PreferredMfa === undefined)) return [];
    return [{ type, enabled: settings.Enabled === true || settings.PreferredMfa === true, preferred: settings.PreferredMfa === true }];
  });
  if (changes.filter((c) => c.preferred).length > 1) throw new CognitoError('InvalidParameterException', 'Only one MFA type can be set as PreferredMfa.');
  for (const { type, enabled } of changes) {
    if (!enabled) continue;
    if (type === 'SOFTWARE_TOKEN_MFA' && !user.mfa?.totpSecret) throw new CognitoError('InvalidParameterException', 'User has not verified software token mfa');
    if (type === 'EMAIL_OTP' && pool.settings.UserPoolTier === 'LITE') {
      throw new CognitoError('FeatureUnavailableInTierException', 'Email MFA is not available in the LITE tier: the user pool must be in the Essentials tier or higher.');
    }
    if (type !== 'SOFTWARE_TOKEN_MFA' && !canReceive(user, type)) throw new CognitoError('InvalidParameterException', `User does not have delivery config set to turn on ${type}`);
  }
  if (changes.length === 0) return;
  const mfa = userMfa(user);
  if (changes.some((c) => c.preferred)) for (const type of mfaTypes) mfa[methods[type].preferred] = false;
  for (const { type, enabled, preferred } of changes) {
    mfa[methods[type].enabled] = enabled;
    mfa[methods[type].preferred] = preferred;
  }
}
