import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { totpCode } from '../../src/cognito/mfa.js';
import { alice, localPool, spa } from './cognito.js';
import type { TestIdp } from './idp.js';

/** The pool's MFA: authenticator apps on, MfaConfiguration as given. */
export async function enableTotp(cognito: CognitoIdentityProviderClient, MfaConfiguration: 'ON' | 'OPTIONAL' = 'OPTIONAL', UserPoolId = localPool) {
  return cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration, SoftwareTokenMfaConfiguration: { Enabled: true } }));
}

/** USER_PASSWORD_AUTH as alice (or `user`) with the spa client: the whole answer. */
export function passwordAuth(cognito: CognitoIdentityProviderClient, user = alice) {
  return cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }));
}

/** `secret`'s code at the server's time (plus `offsetMs`). */
export function codeNow(idp: TestIdp, secret: string, offsetMs = 0): string {
  return totpCode(secret, idp.clock.now() + offsetMs);
}

/**
 * Signs alice in (no MFA yet), associates and verifies an authenticator app with her access token and
 * turns it on (preferred); then moves time one step on, so the next code is not the one just used.
 * Returns the secret.
 */
export async function setUpTotp(idp: TestIdp, cognito: CognitoIdentityProviderClient): Promise<string> {
  const { AuthenticationResult } = await passwordAuth(cognito);
  const AccessToken = AuthenticationResult!.AccessToken!;
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeNow(idp, SecretCode!), FriendlyDeviceName: 'phone' }));
  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  idp.baseClock.advanceBy(30_000);
  return SecretCode!;
}
