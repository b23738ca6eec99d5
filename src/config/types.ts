/**
 * The shape of a mock-idp configuration and of the users file. The settings'
 * types and descriptions are written once, in the JSON Schemas
 * (`schema.ts`); `types.generated.ts` is made from them by
 * `npm run generate:validators`, and test/config/validators.test.ts fails
 * while it is out of date. Defaults are in `defaults.ts`.
 */
import type { UsersFileUser } from './types.generated.js';

export type * from './types.generated.js';
export type { TokenUse } from '../page/wire.js';

/**
 * A user of a pool: from the users file, or made at run time (AdminCreateUser, SignUp), which may also
 * put a user in a state a users file cannot.
 */
export interface UserRecord extends Omit<UsersFileUser, 'status'> {
  /**
   * Cognito's user status. RESET_REQUIRED: AdminResetUserPassword; sign-in is refused until
   * ConfirmForgotPassword. EXTERNAL_PROVIDER: made by a first sign-in through an identity provider.
   */
  status: UsersFileUser['status'] | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';
  /** The user's MFA (authenticator app); absent until AssociateSoftwareToken. */
  mfa?: UserMfa;
  /** The user's passkeys (CompleteWebAuthnRegistration), oldest first; absent until the first. */
  passkeys?: UserPasskey[];
  /** The challenge of the user's last StartWebAuthnRegistration, until CompleteWebAuthnRegistration uses it or it expires. */
  passkeyRegistration?: PendingPasskeyRegistration;
}

/** A registered passkey (WebAuthn credential). Binary members in base64url; times in epoch ms. */
export interface UserPasskey {
  /** The credential id (ListWebAuthnCredentials' CredentialId). */
  id: string;
  /** The COSE public key sign-in assertions are verified with. */
  publicKey: string;
  /** The authenticator's signature counter at the last use (0: the authenticator keeps none). */
  counter: number;
  transports: string[];
  /** `platform` or `cross-platform`, when the browser said. */
  attachment?: string;
  /** The relying party id it was registered for. */
  rpId: string;
  /** FriendlyCredentialName. */
  name: string;
  createdAt: number;
}

/** What StartWebAuthnRegistration handed out: CompleteWebAuthnRegistration must answer it, through the same client, in time. */
export interface PendingPasskeyRegistration {
  /** base64url */
  challenge: string;
  clientId: string;
  rpId: string;
  expiresAt: number;
}

/** A user's TOTP MFA state (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference). */
export interface UserMfa {
  /** The base32 secret AssociateSoftwareToken gave, until VerifySoftwareToken proves it. */
  pendingTotpSecret?: string;
  /** The verified secret sign-in codes are checked against. */
  totpSecret?: string;
  /** VerifySoftwareToken's FriendlyDeviceName. */
  totpDeviceName?: string;
  /** SOFTWARE_TOKEN_MFA is in the user's UserMFASettingList (sign-in asks for a code). */
  totpEnabled?: boolean;
  /** SOFTWARE_TOKEN_MFA is the PreferredMfaSetting. */
  totpPreferred?: boolean;
  /** The 30-second step of the last code accepted: codes of that step or earlier are refused (no reuse). */
  lastTotpStep?: number;
  /** SMS_MFA is in the user's UserMFASettingList (SMSMfaSettings.Enabled): sign-in texts a code to phone_number. */
  smsEnabled?: boolean;
  /** SMS_MFA is the PreferredMfaSetting. */
  smsPreferred?: boolean;
  /** EMAIL_OTP is in the user's UserMFASettingList (EmailMfaSettings.Enabled): sign-in emails a code. */
  emailEnabled?: boolean;
  /** EMAIL_OTP is the PreferredMfaSetting. */
  emailPreferred?: boolean;
}
