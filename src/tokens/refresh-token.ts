import { CompactEncrypt, compactDecrypt, generateKeyPair, type CryptoKey } from 'jose';

type CryptoKeyPair = { publicKey: CryptoKey; privateKey: CryptoKey };

/** What a refresh token carries inside its encryption; only this server can read it. */
export interface RefreshTokenContents {
  pool: string;
  client: string;
  username: string;
  originJti: string;
  authTime: number;
  jti: string;
  iat: number;
  exp: number;
}

/**
 * Refresh tokens shaped like Cognito's: an opaque compact JWE of five parts
 * with header `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`. Clients can't
 * read or verify it, just as with Cognito.
 */
export class RefreshTokenCodec {
  #keys: Promise<CryptoKeyPair> | undefined;

  async encode(contents: RefreshTokenContents): Promise<string> {
    const { publicKey } = await this.#keyPair();
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(contents)))
      .setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })
      .encrypt(publicKey);
  }

  /** The contents, or null when the token was not made by this codec. */
  async decode(token: string): Promise<RefreshTokenContents | null> {
    try {
      const { privateKey } = await this.#keyPair();
      const { plaintext } = await compactDecrypt(token, privateKey);
      return JSON.parse(new TextDecoder().decode(plaintext)) as RefreshTokenContents;
    } catch {
      return null;
    }
  }

  #keyPair(): Promise<CryptoKeyPair> {
    this.#keys ??= generateKeyPair('RSA-OAEP', { modulusLength: 2048 });
    return this.#keys;
  }
}
