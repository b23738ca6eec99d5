import { createHash } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { UserPasskey } from '../config/types.js';
import { CognitoError, type CognitoErrorType } from './errors.js';
import { originAllowed, type PasskeySettings } from './passkeys.js';

/**
 * @simplewebauthn/server does the WebAuthn checks; loaded at the first passkey ceremony, not at start-up. The
 * promise is kept: an `import()` per call resolves the specifier again (about a third of a sign-in's verification).
 */
let webAuthnModule: Promise<typeof import('@simplewebauthn/server')> | undefined;
let helpersModule: Promise<typeof import('@simplewebauthn/server/helpers')> | undefined;
const webAuthn = () => (webAuthnModule ??= import('@simplewebauthn/server'));
const helpers = () => (helpersModule ??= import('@simplewebauthn/server/helpers'));

/** Which Cognito error each kind of failure becomes (registration and sign-in name them differently). */
interface FailureTypes {
  challenge: CognitoErrorType;
  origin: CognitoErrorType;
  relyingParty: CognitoErrorType;
  unsupported: CognitoErrorType;
}

/**
 * CompleteWebAuthnRegistration's errors, per the API reference
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html):
 * a challenge that is not the one handed out, an origin outside the relying party, an authenticator that
 * answered for another relying party, and one that cannot do what the pool requires (user verification,
 * an algorithm or attestation that does not verify).
 */
const registrationFailures: FailureTypes = {
  challenge: 'WebAuthnChallengeNotFoundException',
  origin: 'WebAuthnOriginNotAllowedException',
  relyingParty: 'WebAuthnRelyingPartyMismatchException',
  unsupported: 'WebAuthnCredentialNotSupportedException',
};

/** RespondToAuthChallenge lists none of the WebAuthn errors: every failed assertion is NotAuthorizedException. */
const signInFailures: FailureTypes = { challenge: 'NotAuthorizedException', origin: 'NotAuthorizedException', relyingParty: 'NotAuthorizedException', unsupported: 'NotAuthorizedException' };

/** A passkey made by CompleteWebAuthnRegistration, before it is named and dated. */
export type VerifiedPasskey = Omit<UserPasskey, 'name' | 'createdAt'>;

/**
 * Verifies a RegistrationResponseJSON (https://www.w3.org/TR/webauthn-3/#dictdef-registrationresponsejson)
 * against the challenge StartWebAuthnRegistration gave and the pool's relying party and user-verification
 * rule; the attestation itself (its format and signature) by @simplewebauthn/server.
 */
export async function verifyRegistration(credential: unknown, challenge: string, settings: PasskeySettings): Promise<VerifiedPasskey> {
  const response = credentialOf(credential, ['clientDataJSON', 'attestationObject']) as unknown as RegistrationResponseJSON;
  const { decodeAttestationObject, isoBase64URL } = await helpers();
  const authData = parseOr(() => decodeAttestationObject(isoBase64URL.toBuffer(response.response.attestationObject)).get('authData'));
  const origin = await checkCeremony(response.response.clientDataJSON, authData, 'webauthn.create', challenge, settings, registrationFailures);
  const { verifyRegistrationResponse } = await webAuthn();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: settings.rpId,
    requireUserVerification: settings.userVerification === 'required',
    supportedAlgorithmIDs: [-7, -257],
  }).catch((error: unknown) => {
    throw new CognitoError('WebAuthnCredentialNotSupportedException', `The passkey could not be verified: ${messageOf(error)}`);
  });
  if (!verified.verified) throw new CognitoError('WebAuthnCredentialNotSupportedException', 'The passkey could not be verified.');
  const { credential: made } = verified.registrationInfo;
  const attachment = (credential as { authenticatorAttachment?: unknown }).authenticatorAttachment;
  return {
    id: made.id,
    publicKey: isoBase64URL.fromBuffer(made.publicKey),
    counter: made.counter,
    transports: stringList(response.response.transports),
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { attachment } : {}),
    rpId: settings.rpId,
  };
}

/**
 * Verifies a WEB_AUTHN answer's CREDENTIAL, an AuthenticationResponseJSON
 * (https://www.w3.org/TR/webauthn-3/#dictdef-authenticationresponsejson), against one of the user's
 * passkeys: the challenge of the CREDENTIAL_REQUEST_OPTIONS, origin, relying party, user verification as
 * the pool asks, the signature, and the sign counter (it must grow unless the authenticator keeps none).
 * Returns the passkey and its new counter; changes nothing.
 */
export async function verifyAssertion(
  credential: unknown,
  passkeys: readonly UserPasskey[],
  userHandle: string,
  challenge: string,
  settings: PasskeySettings,
): Promise<{ passkey: UserPasskey; counter: number }> {
  const response = credentialOf(credential, ['clientDataJSON', 'authenticatorData', 'signature']) as unknown as AuthenticationResponseJSON;
  const passkey = passkeys.find((p) => p.id === response.id);
  if (!passkey) throw new CognitoError('NotAuthorizedException', 'The passkey is not registered for this user.');
  if (response.response.userHandle !== undefined && response.response.userHandle !== userHandle) {
    throw new CognitoError('NotAuthorizedException', 'The passkey belongs to another user.');
  }
  const { isoBase64URL } = await helpers();
  const authData = parseOr(() => isoBase64URL.toBuffer(response.response.authenticatorData));
  const origin = await checkCeremony(response.response.clientDataJSON, authData, 'webauthn.get', challenge, settings, signInFailures);
  const { verifyAuthenticationResponse } = await webAuthn();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: settings.rpId,
    credential: { id: passkey.id, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: passkey.counter },
    requireUserVerification: settings.userVerification === 'required',
  }).catch((error: unknown) => {
    throw new CognitoError('NotAuthorizedException', `The passkey's assertion could not be verified: ${messageOf(error)}`);
  });
  if (!verified.verified) throw new CognitoError('NotAuthorizedException', "The passkey's assertion could not be verified.");
  return { passkey, counter: verified.authenticationInfo.newCounter };
}

/**
 * The checks Cognito names an error for, made before the library's so each failure gets its own type:
 * the ceremony type and challenge, the origin against the relying party, the authenticator's RP ID hash,
 * user presence, and user verification when the pool requires it. Returns the (allowed) origin.
 */
async function checkCeremony(clientDataJSON: string, authData: Uint8Array<ArrayBuffer>, type: string, challenge: string, settings: PasskeySettings, failures: FailureTypes): Promise<string> {
  const { decodeClientDataJSON, parseAuthenticatorData, isoUint8Array } = await helpers();
  const clientData = parseOr(() => decodeClientDataJSON(clientDataJSON));
  const parsed = parseOr(() => parseAuthenticatorData(authData));
  if (clientData.type !== type) throw new CognitoError('InvalidParameterException', `The credential's clientDataJSON type is not ${type}.`);
  if (clientData.challenge !== challenge) throw new CognitoError(failures.challenge, 'The credential does not answer the challenge this server gave.');
  if (typeof clientData.origin !== 'string' || !originAllowed(clientData.origin, settings.rpId)) {
    throw new CognitoError(failures.origin, `The origin ${String(clientData.origin).slice(0, 100)} is not allowed for the relying party ${settings.rpId}.`);
  }
  // SHA-256 of the RP ID, hashed here at once: the library's toHash goes through WebCrypto, one trip to libuv's
  // threadpool (about 45 µs) per ceremony for a few bytes.
  if (!isoUint8Array.areEqual(parsed.rpIdHash, createHash('sha256').update(settings.rpId).digest())) {
    throw new CognitoError(failures.relyingParty, `The credential was made for another relying party than ${settings.rpId}.`);
  }
  if (!parsed.flags.up) throw new CognitoError(failures.unsupported, 'The authenticator did not report user presence.');
  if (settings.userVerification === 'required' && !parsed.flags.uv)
    throw new CognitoError(failures.unsupported, 'The user pool requires user verification and the authenticator did not verify the user.');
  return clientData.origin;
}

/** The credential's JSON shape (object or JSON string): `id`, `rawId`, type `public-key`, and the response's members named. */
function credentialOf(credential: unknown, members: readonly string[]): Record<string, unknown> {
  const value = typeof credential === 'string' ? parseOr(() => JSON.parse(credential) as unknown) : credential;
  const shaped = isObject(value) && typeof value.id === 'string' && typeof value.rawId === 'string' && value.type === 'public-key' && isObject(value.response);
  if (!shaped || !members.every((m) => typeof (value.response as Record<string, unknown>)[m] === 'string')) {
    throw new CognitoError('InvalidParameterException', `The credential must be a PublicKeyCredential in JSON with id, rawId, type public-key and response.${members.join(', response.')}.`);
  }
  return value;
}

function parseOr<T>(parse: () => T): T {
  try {
    return parse();
  } catch {
    throw new CognitoError('InvalidParameterException', 'The credential is not well-formed WebAuthn data.');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
