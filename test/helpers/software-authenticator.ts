import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** What a browser takes from CredentialCreationOptions / CREDENTIAL_REQUEST_OPTIONS (JSON forms). */
export interface CreationOptionsJson {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  authenticatorSelection?: { userVerification?: string };
}
export interface RequestOptionsJson {
  challenge: string;
  rpId: string;
  allowCredentials: Array<{ id: string; type: string }>;
  userVerification: string;
}

/** Per-ceremony departures from what a well-behaved browser and authenticator send, to test refusals. */
export interface Tamper {
  origin?: string;
  rpId?: string;
  challenge?: string;
  type?: string;
  /** Report user verification (default: the authenticator's `userVerification`). */
  uv?: boolean;
  /** Use this signature counter instead of the next one. */
  counter?: number;
  /** Flip a bit of the signature. */
  badSignature?: boolean;
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/**
 * A passkey authenticator in software, answering as a browser's `navigator.credentials.create()` and
 * `.get()` would (serialised as `PublicKeyCredential.toJSON()`): a P-256 (ES256) key, "none" attestation,
 * clientDataJSON with type / challenge / origin, authenticatorData with the RP ID hash, the UP and UV flags
 * and a signature counter that grows by one at each use (from 0 at registration unless `counterStart`).
 */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly origin: string;
  readonly userVerification: boolean;
  counter: number;
  userHandle: string | undefined;
  readonly #keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  constructor({ origin = 'http://localhost:3000', userVerification = true, counterStart = 0 }: { origin?: string; userVerification?: boolean; counterStart?: number } = {}) {
    this.origin = origin;
    this.userVerification = userVerification;
    this.counter = counterStart;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The RegistrationResponseJSON for CompleteWebAuthnRegistration's `Credential`. */
  create(options: CreationOptionsJson, tamper: Tamper = {}): Record<string, unknown> {
    this.userHandle = options.user.id;
    const clientDataJSON = this.#clientData('webauthn.create', options.challenge, tamper);
    const jwk = this.#keys.publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(isoCBOR.encode(cose))]);
    const authData = Buffer.concat([this.#authData(options.rp.id, tamper, 0x40), attested]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'], publicKeyAlgorithm: -7, authenticatorData: b64url(authData) },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** The AuthenticationResponseJSON for the WEB_AUTHN challenge's `CREDENTIAL` (as a string). */
  get(options: RequestOptionsJson, tamper: Tamper = {}): string {
    const clientDataJSON = this.#clientData('webauthn.get', options.challenge, tamper);
    const authData = this.#authData(options.rpId, tamper, 0);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.#keys.privateKey);
    if (tamper.badSignature) signature[signature.length - 1]! ^= 1;
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), ...(this.userHandle ? { userHandle: this.userHandle } : {}) },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    });
  }

  #clientData(type: string, challenge: string, tamper: Tamper): Buffer {
    return Buffer.from(JSON.stringify({ type: tamper.type ?? type, challenge: tamper.challenge ?? challenge, origin: tamper.origin ?? this.origin, crossOrigin: false }));
  }

  /** rpIdHash | flags (UP, UV as asked, plus `extraFlags`) | counter. */
  #authData(rpId: string, tamper: Tamper, extraFlags: number): Buffer {
    const counter = tamper.counter ?? (extraFlags ? this.counter : ++this.counter);
    const flags = 0x01 | ((tamper.uv ?? this.userVerification) ? 0x04 : 0) | extraFlags;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(tamper.rpId ?? rpId), Buffer.from([flags]), count]);
  }
}
