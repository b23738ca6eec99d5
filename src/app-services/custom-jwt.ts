import { decodeProtectedHeader, errors as joseErrors, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import { createVerifier, VerificationError, type Verifier } from '../verifier/index.js';
import type { AppConfig, CustomJwtProvider } from './apps.js';
import { AppServicesError } from './errors.js';

/** Leeway for exp/nbf/iat. App Services documents none; a few seconds spares clock skew between containers. */
const toleranceSeconds = 5;
const encoder = new TextEncoder();

/**
 * Validates custom JWTs as the App Services custom-token provider does:
 * signature (RS256 by `kid` from the JWK URI, fetched over HTTP and cached
 * through mock-idp/verifier; or HS256/RS256 with the configured keys), `sub`
 * and `exp` required, `nbf` and `iat` not in the future, and `aud` containing
 * the configured audiences (all, or any) or the app id. It does not check
 * `iss` or `token_use`: App Services has no setting for them.
 */
export class CustomJwtValidator {
  readonly #app: AppConfig;
  readonly #provider: CustomJwtProvider;
  readonly #now: () => number;
  readonly #verifier: Verifier | null;
  #keys: Promise<Array<CryptoKey | Uint8Array>> | undefined;

  /** `jwkUri` is the provider's JWK URI resolved to an absolute URL. */
  constructor(app: AppConfig, provider: CustomJwtProvider, options: { now: () => number; jwkUri: string | null; fetch?: typeof fetch | undefined }) {
    this.#app = app;
    this.#provider = provider;
    this.#now = options.now;
    this.#verifier = options.jwkUri
      ? createVerifier({
          issuer: null,
          jwksUri: options.jwkUri,
          clientId: null,
          audience: null,
          tokenUse: null,
          clockToleranceSeconds: toleranceSeconds,
          now: options.now,
          cache: { fetch: options.fetch },
        })
      : null;
  }

  /** The verifier behind a JWK URI provider (its cache counters show the JWKS fetches). */
  get verifier(): Verifier | null {
    return this.#verifier;
  }

  /** The token's claims, or an AppServicesError `AuthError` with App Services' wording. */
  async validate(token: unknown): Promise<Record<string, unknown>> {
    if (typeof token !== 'string' || token === '') throw new AppServicesError('AuthError', 'token is required');
    if (token.split('.').length !== 3) throw new AppServicesError('AuthError', 'token contains an invalid number of segments');
    const claims = this.#verifier ? await this.#viaJwkUri(token) : await this.#viaSigningKeys(token);
    this.#checkAudience(claims);
    return claims;
  }

  async #viaJwkUri(token: string): Promise<Record<string, unknown>> {
    try {
      return await this.#verifier!.verify(token);
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
      throw new AppServicesError('AuthError', wording(error, token));
    }
  }

  async #viaSigningKeys(token: string): Promise<Record<string, unknown>> {
    const algorithm = this.#provider.algorithm;
    this.#keys ??= Promise.all(this.#provider.signingKeys.map(async (key) => (algorithm === 'HS256' ? encoder.encode(key) : importSPKI(key, 'RS256'))));
    const keys = await this.#keys;
    let lastError: unknown;
    for (const key of keys) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          clockTolerance: toleranceSeconds,
          currentDate: new Date(this.#now()),
          requiredClaims: ['sub', 'exp'],
        });
        if (typeof payload.iat === 'number' && payload.iat > this.#now() / 1000 + toleranceSeconds) {
          throw new AppServicesError('AuthError', 'Token used before issued');
        }
        return payload;
      } catch (error) {
        if (error instanceof AppServicesError) throw error;
        lastError = error;
        // A signature from another of the (up to three) keys may match: try the next.
        if (error instanceof joseErrors.JWSSignatureVerificationFailed) continue;
        break;
      }
    }
    throw new AppServicesError('AuthError', joseWording(lastError, algorithm));
  }

  /** `aud` must contain every configured audience (or any one, with requireAnyAudience), or the app id when none is configured. */
  #checkAudience(claims: Record<string, unknown>): void {
    const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.filter((a) => typeof a === 'string') : [];
    const wanted = this.#provider.audiences.length ? this.#provider.audiences : [this.#app.appId];
    const missing = wanted.filter((a) => !aud.includes(a));
    const ok = this.#provider.requireAnyAudience && this.#provider.audiences.length ? missing.length < wanted.length : missing.length === 0;
    if (!ok) throw new AppServicesError('AuthError', `'${missing[0]}' not found in 'aud' claim`);
  }
}

/**
 * App Services' wording for each verdict, where known: the messages of Go's jwt and crypto/rsa
 * packages, which the server passes on, and its own `expected field '…' to be in token metadata`
 * (https://github.com/mongodb/stitch-js-sdk/issues/382).
 */
function wording(error: VerificationError, token: string): string {
  switch (error.code) {
    case 'MALFORMED':
      return 'token is malformed';
    case 'BAD_SIGNATURE':
      return 'crypto/rsa: verification error';
    case 'EXPIRED':
      return 'Token is expired';
    case 'NOT_YET_VALID':
      return 'Token is not valid yet';
    case 'ISSUED_IN_FUTURE':
      return 'Token used before issued';
    case 'ALG_NOT_ALLOWED':
      return `unexpected signing method: ${String(headerOf(token).alg)}`;
    case 'MISSING_KID':
      return 'kid not found in token header';
    case 'UNKNOWN_KID':
      return `no JWK found for kid '${String(headerOf(token).kid)}'`;
    case 'JWKS_UNAVAILABLE':
      return `failed to fetch the JWK set: ${error.message}`;
    case 'MISSING_CLAIM':
      return `expected field '${error.claim ?? 'sub'}' to be in token metadata`;
    default:
      return error.message;
  }
}

function joseWording(error: unknown, algorithm: string): string {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return algorithm === 'HS256' ? 'signature is invalid' : 'crypto/rsa: verification error';
  if (error instanceof joseErrors.JWTExpired) return 'Token is expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'Token is not valid yet';
    if (error.reason === 'missing') return `expected field '${error.claim}' to be in token metadata`;
    return error.message;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'unexpected signing method';
  return 'token is malformed';
}

function headerOf(token: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return {};
  }
}
