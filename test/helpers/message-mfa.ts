import { AdminSetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand, UpdateUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { localPool } from './cognito.js';
import { call, type TestIdp } from './idp.js';

/** An SmsMfaConfiguration Cognito takes: a template and the SNS role to text with. */
export const smsMfaConfiguration = {
  SmsAuthenticationMessage: 'Your sign-in code is {####}',
  SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/cognito-sns', ExternalId: 'mock-idp' },
};

/** The pool sends email with SES in its own account (what email MFA needs). */
export const sesEmailConfiguration = { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/noreply@example.com' } as const;

/** The pool's MFA: SMS MFA allowed (and TOTP when `totp`), MfaConfiguration as given. */
export function enableSmsMfa(cognito: CognitoIdentityProviderClient, MfaConfiguration: 'ON' | 'OPTIONAL' = 'OPTIONAL', { totp = false, UserPoolId = localPool } = {}) {
  return cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration, SmsMfaConfiguration: smsMfaConfiguration, SoftwareTokenMfaConfiguration: { Enabled: totp } }));
}

/** The pool sends email through SES (UpdateUserPool), then allows email MFA (and SMS MFA when `sms`). */
export async function enableEmailMfa(cognito: CognitoIdentityProviderClient, MfaConfiguration: 'ON' | 'OPTIONAL' = 'OPTIONAL', { sms = false, UserPoolId = localPool } = {}) {
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId, EmailConfiguration: sesEmailConfiguration }));
  return cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId,
      MfaConfiguration,
      EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' },
      ...(sms ? { SmsMfaConfiguration: smsMfaConfiguration } : {}),
    }),
  );
}

/** Turns MFA types on for a user as an administrator; `preferred` names the preferred one. */
export function setUserMfa(cognito: CognitoIdentityProviderClient, username: string, types: { sms?: boolean; email?: boolean }, preferred?: 'sms' | 'email') {
  return cognito.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: localPool,
      Username: username,
      ...(types.sms === undefined ? {} : { SMSMfaSettings: { Enabled: types.sms, PreferredMfa: preferred === 'sms' } }),
      ...(types.email === undefined ? {} : { EmailMfaSettings: { Enabled: types.email, PreferredMfa: preferred === 'email' } }),
    }),
  );
}

export interface SentCode {
  purpose: string;
  code: string;
  attributeName: string | null;
  deliveryMedium: string | null;
  destination: string | null;
  expiresAt: number;
}

/** The user's latest code of `purpose` (MFA by default), as the control API shows it. */
export async function latestCode(idp: Pick<TestIdp, 'url'>, username = 'alice', purpose = 'MFA', pool = localPool): Promise<SentCode | undefined> {
  const codes = (await call(idp, 'GET', `/_mock/pools/${pool}/users/${username}/codes`)).body.codes as SentCode[];
  return codes.filter((c) => c.purpose === purpose).at(-1);
}

/** A 6-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
