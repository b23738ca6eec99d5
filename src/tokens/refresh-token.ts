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
  readonly #newKey: () => Promise<JWK>;
  #keys: Promise<CryptoKeyPair> | undefined;

  /**
   * `newKey` makes the RSA-2048 private key (a JWK) of the codec's pair when the first token is made or read: the
   * server passes its key factory, so the key comes from the key reservoir, or the tests' committed keys, as a
   * pool's signing keys do. By default it is generated.
   */
  constructor(newKey: () => Promise<JWK> = generatedKey) {
    this.#newKey = newKey;
  }

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
    this.#keys = oaepPair(privateJwk);
    return this.#keys.then(() => undefined);
  }

  #keyPair(): Promise<CryptoKeyPair> {
    this.#keys ??= this.#newKey().then(oaepPair);
    return this.#keys;
  }
}

async function generatedKey(): Promise<JWK> {
  return exportJWK((await generateKeyPair('RSA-OAEP', { modulusLength: 2048, extractable: true })).privateKey);
}

/** An RSA private JWK's pair as RSA-OAEP keys: its RSA members only, so a signing key's `alg` or `use` does not get in the way. */
async function oaepPair({ kty, n, e, d, p, q, dp, dq, qi }: JWK): Promise<CryptoKeyPair> {
  const [publicKey, privateKey] = await Promise.all([importJWK({ kty, n, e }, 'RSA-OAEP', { extractable: true }), importJWK({ kty, n, e, d, p, q, dp, dq, qi }, 'RSA-OAEP', { extractable: true })]);
  return { publicKey: publicKey as CryptoKey, privateKey: privateKey as CryptoKey };
}
