import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

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
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(contents))).setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }).encrypt(publicKey);
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

  /** The private key (a JWK), for a state dir: a restarted server reads the refresh tokens it issued before. */
  async exportKey(): Promise<JWK> {
    const { privateKey } = await this.#keyPair();
    return exportJWK(privateKey);
  }

  /** Uses this key from now on (restored from a state dir). */
  importKey(privateJwk: JWK): Promise<void> {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    this.#keys = Promise.all([importJWK(publicJwk, 'RSA-OAEP', { extractable: true }), importJWK(privateJwk, 'RSA-OAEP', { extractable: true })]).then(([publicKey, privateKey]) => ({
      publicKey: publicKey as CryptoKey,
      privateKey: privateKey as CryptoKey,
    }));
    return this.#keys.then(() => undefined);
  }

  #keyPair(): Promise<CryptoKeyPair> {
    this.#keys ??= generateKeyPair('RSA-OAEP', { modulusLength: 2048, extractable: true });
    return this.#keys;
  }
}
