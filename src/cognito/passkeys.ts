import { pooledRandomBytes } from '../runtime/random-bytes.js';
import type { UserPasskey, UserRecord } from '../config/types.js';
import type { Pool } from '../directory/pool.js';
import { CognitoError } from './errors.js';
import { allowedFirstAuthFactors } from './sign-in-factors.js';

/**
 * How long a passkey ceremony may take: the `timeout` of the options handed out, and how long
 * StartWebAuthnRegistration's challenge is remembered. Cognito does not document its value; 3 minutes is
 * its sign-in session's lifetime, which bounds the sign-in ceremony anyway.
 */
export const passkeyCeremonyMs = 3 * 60_000;

/** The COSE algorithms offered for new passkeys: ES256 and RS256, what browsers' authenticators make. */
const algorithms = [-7, -257];

/** A pool's passkey settings, from its `WebAuthnConfiguration` (SetUserPoolMfaConfig or the config file). */
export interface PasskeySettings {
  rpId: string;
  userVerification: 'required' | 'preferred';
}

/**
 * The pool's relying party and user-verification rule. Per the API reference's WebAuthnConfigurationType
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html)
 * the relying party id is `RelyingPartyId`, else the user pool's domain (its custom domain, or the prefix
 * domain `<prefix>.auth.<region>.amazoncognito.com`). Where Cognito then refuses a pool with neither
 * (WebAuthnConfigurationMissingException), mock-idp uses `localhost`, so a page on `http://localhost:<port>`
 * works without configuring anything. UserVerification defaults to `preferred`.
 */
export function passkeySettings(pool: Pick<Pool, 'mfaConfig' | 'domain' | 'region'>): PasskeySettings {
  const config = pool.mfaConfig?.WebAuthnConfiguration ?? {};
  const configured = typeof config.RelyingPartyId === 'string' ? config.RelyingPartyId : undefined;
  return { rpId: configured ?? domainRelyingPartyId(pool) ?? 'localhost', userVerification: config.UserVerification === 'required' ? 'required' : 'preferred' };
}

function domainRelyingPartyId({ domain, region }: Pick<Pool, 'domain' | 'region'>): string | undefined {
  if (!domain) return undefined;
  return domain.customDomainConfig ? domain.domain : `${domain.domain}.auth.${region}.amazoncognito.com`;
}

/**
 * Passkeys are on when the pool's `Policies.SignInPolicy.AllowedFirstAuthFactors` lists WEB_AUTHN (and
 * the pool is not on the LITE tier, which has no passkeys); otherwise WebAuthnNotEnabledException.
 */
export function checkPasskeysEnabled(pool: Pick<Pool, 'settings'>): void {
  if (!passkeysEnabled(pool)) throw new CognitoError('WebAuthnNotEnabledException', 'Passkeys are not enabled for this user pool: its AllowedFirstAuthFactors do not include WEB_AUTHN.');
}

export function passkeysEnabled(pool: Pick<Pool, 'settings'>): boolean {
  return allowedFirstAuthFactors(pool).includes('WEB_AUTHN') && pool.settings.UserPoolTier !== 'LITE';
}

/**
 * The origins a relying party accepts, as WebAuthn defines them (https://www.w3.org/TR/webauthn-3/#rp-id):
 * an https origin whose host is the RP ID or one of its subdomains, any port; and, as browsers treat
 * localhost as a secure context, http on `localhost` when the RP ID is `localhost`.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname;
  const within = host === rpId || host.endsWith(`.${rpId}`);
  return within && (url.protocol === 'https:' || (url.protocol === 'http:' && host === 'localhost'));
}

/** A fresh challenge: 32 random bytes, base64url. */
export function newPasskeyChallenge(): string {
  return pooledRandomBytes(32).toString('base64url');
}

/**
 * StartWebAuthnRegistration's CredentialCreationOptions: a PublicKeyCredentialCreationOptionsJSON
 * (https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialcreationoptionsjson) with the members
 * Amplify's `associateWebAuthnCredential` reads. The user handle is the user's sub; the user's passkeys are
 * excluded (an authenticator that holds one refuses to make another); a discoverable credential is required.
 */
export function creationOptions(pool: Pick<Pool, 'name'>, user: UserRecord, settings: PasskeySettings, challenge: string): Record<string, unknown> {
  return {
    challenge,
    rp: { id: settings.rpId, name: pool.name },
    user: { id: userHandle(user), name: user.username, displayName: user.attributes.name ?? user.attributes.email ?? user.username },
    pubKeyCredParams: algorithms.map((alg) => ({ type: 'public-key', alg })),
    timeout: passkeyCeremonyMs,
    excludeCredentials: (user.passkeys ?? []).map(descriptor),
    authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: settings.userVerification },
  };
}

/**
 * The WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS (sent as a JSON string): a
 * PublicKeyCredentialRequestOptionsJSON (https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialrequestoptionsjson)
 * listing the user's passkeys, with the members Amplify's passkey sign-in reads.
 */
export function requestOptions(user: UserRecord, settings: PasskeySettings, challenge: string): Record<string, unknown> {
  return { challenge, timeout: passkeyCeremonyMs, rpId: settings.rpId, allowCredentials: (user.passkeys ?? []).map(descriptor), userVerification: settings.userVerification };
}

function descriptor(passkey: UserPasskey): Record<string, unknown> {
  return { type: 'public-key', id: passkey.id, ...(passkey.transports.length ? { transports: passkey.transports } : {}) };
}

/** ListWebAuthnCredentials' WebAuthnCredentialDescription of a passkey (CreatedAt in epoch seconds). */
export function passkeyDescription(passkey: UserPasskey): Record<string, unknown> {
  return {
    CredentialId: passkey.id,
    FriendlyCredentialName: passkey.name,
    RelyingPartyId: passkey.rpId,
    ...(passkey.attachment ? { AuthenticatorAttachment: passkey.attachment } : {}),
    AuthenticatorTransports: passkey.transports,
    CreatedAt: passkey.createdAt / 1000,
  };
}

/** The WebAuthn user handle of a user: their sub, base64url. */
export function userHandle(user: Pick<UserRecord, 'sub'>): string {
  return Buffer.from(user.sub).toString('base64url');
}

/** The user has a passkey to sign in with. */
export function hasPasskey(user: UserRecord | undefined): boolean {
  return Boolean(user?.passkeys?.length);
}

/**
 * SetUserPoolMfaConfig's WebAuthnConfiguration checked against WebAuthnConfigurationType
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html):
 * RelyingPartyId 1–127 characters, UserVerification `required` | `preferred`, FactorConfiguration
 * `SINGLE_FACTOR` | `MULTI_FACTOR_WITH_USER_VERIFICATION`; validation problems in Cognito's words.
 */
export function webAuthnConfigProblems(config: Record<string, unknown> | undefined): string[] {
  if (!config) return [];
  const problems: string[] = [];
  const rpId = config.RelyingPartyId;
  if (rpId !== undefined) {
    if (typeof rpId !== 'string') problems.push(`Value at 'webAuthnConfiguration.relyingPartyId' failed to satisfy constraint: Member must be a string`);
    else if (rpId.length < 1 || rpId.length > 127) {
      problems.push(
        `Value '${rpId.slice(0, 60)}' at 'webAuthnConfiguration.relyingPartyId' failed to satisfy constraint: Member must have length ${rpId.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 127'}`,
      );
    }
  }
  for (const [member, at, values] of [
    ['UserVerification', 'userVerification', ['required', 'preferred']],
    ['FactorConfiguration', 'factorConfiguration', ['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']],
  ] as const) {
    const value = config[member];
    if (value !== undefined && !(values as readonly unknown[]).includes(value)) {
      problems.push(`Value '${String(value).slice(0, 60)}' at 'webAuthnConfiguration.${at}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
    }
  }
  return problems;
}
