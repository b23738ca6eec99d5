import { compactVerify, decodeProtectedHeader, errors as joseErrors, type CompactJWSHeaderParameters, type CryptoKey } from 'jose';
import { checkClaims, decodePayload, parsePayload, type VerifiedClaims } from './claims.js';
import { VerificationError } from './errors.js';
import { JwksCache } from './jwks-cache.js';
import { jsonTextTooDeep, maxPayloadDepth } from './json-depth.js';
import { resolveOptions, type ResolvedOptions, type VerifierOptions } from './options.js';
import { VerifiedSignatures } from './verified-signatures.js';

/** A configured verifier: one issuer, one audience rule, one token use. */
export interface Verifier {
  /** Resolves to the token's claims, or rejects with a {@link VerificationError}. */
  verify(token: string): Promise<VerifiedClaims>;
  /** The JWKS cache behind it (counters for tests: `verifier.cache.counters`). */
  readonly cache: JwksCache;
  readonly jwksUri: string;
  readonly issuer: string | null;
}

/** Longest token accepted; App Services' limit (https://www.mongodb.com/docs/atlas/app-services/authentication/custom-jwt/). Beyond it, parsing is a denial of service. */
const maxTokenLength = 1_000_000;
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Creates a verifier that is correct by default: RS256 only, the key chosen by
 * `kid` from the issuer's JWKS (cached, refetched once on an unknown kid),
 * `exp` required, `iat` in the future rejected, and Cognito's rules (`aud` for
 * ID tokens, `client_id` for access tokens, `token_use`).
 *
 * @example
 * import { createVerifier } from 'mock-idp/verifier';
 *
 * const verifier = createVerifier({
 *   issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool',
 *   jwksUri: 'http://127.0.0.1:4455/us-east-1_LocalPool/.well-known/jwks.json',
 *   clientId: '1vngm1viu6qqksk0qckq8aag7p',
 *   tokenUse: 'access',
 * });
 * try {
 *   const claims = await verifier.verify(token);
 * } catch (error) {
 *   if (error instanceof VerificationError) console.log(error.code); // 'EXPIRED', 'UNKNOWN_KID', …
 * }
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const resolved = resolveOptions(options);
  if (options.cache instanceof JwksCache && options.jwksUri !== undefined && options.jwksUri !== options.cache.uri) {
    throw new TypeError(`createVerifier: "jwksUri" (${options.jwksUri}) differs from the shared cache's (${options.cache.uri})`);
  }
  const cache =
    options.cache instanceof JwksCache ? options.cache : new JwksCache(resolved.jwksUri, { now: resolved.now, ...options.cache });
  const state: VerifierState = { options: resolved, cache, verified: new VerifiedSignatures(resolved.verifiedSignatures), resolveKey: keyResolver(cache) };
  return {
    cache,
    jwksUri: cache.uri,
    issuer: resolved.issuer,
    verify: (token) => verifyToken(token, state),
  };
}

type KeyResolver = (header: CompactJWSHeaderParameters) => Promise<CryptoKey>;

/** What a verifier holds, made once by {@link createVerifier}. */
interface VerifierState {
  options: ResolvedOptions;
  cache: JwksCache;
  verified: VerifiedSignatures;
  resolveKey: KeyResolver;
}

/** Chooses the key for a header jose has parsed (after checking alg against the allow-list): by kid, from the JWKS cache. */
function keyResolver(cache: JwksCache): KeyResolver {
  return async (header) => {
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '') {
      throw new VerificationError('MISSING_KID', 'the header has no "kid", so no key can be chosen from the JWKS');
    }
    const key = await cache.getKey(kid, header.alg);
    const jwkAlg = cache.peek(kid)?.alg;
    if (jwkAlg !== undefined && jwkAlg !== header.alg) {
      throw new VerificationError('ALG_NOT_ALLOWED', `key "${kid}" is for ${jwkAlg}, but the token says ${header.alg}`);
    }
    return key;
  };
}

/** Verifies; whatever goes wrong that is not already a VerificationError becomes MALFORMED (the verifier rejects with nothing else). */
async function verifyToken(token: string, state: VerifierState): Promise<VerifiedClaims> {
  try {
    return await checkToken(token, state);
  } catch (error) {
    if (error instanceof VerificationError) throw error;
    throw new VerificationError('MALFORMED', `the token could not be processed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

async function checkToken(token: string, { options, cache, verified, resolveKey }: VerifierState): Promise<VerifiedClaims> {
  if (typeof token !== 'string') throw new VerificationError('MALFORMED', 'the token must be a string');
  if (token.length > maxTokenLength) throw new VerificationError('MALFORMED', `the token is longer than ${maxTokenLength} characters`);

  // The same bytes were verified before: their signature holds as long as the JWKS cache hands out the same key for
  // their kid (it refreshes, rotates and forgets keys exactly as for a full verification). The claims are checked anew.
  const seen = verified.lookup(token);
  if (seen) {
    if ((await cache.getKey(seen.kid, seen.alg)) === seen.key) return checkClaims(parsePayload(seen.payload), options);
    verified.forget(token);
  }
  if (!compactJws.test(token)) {
    throw new VerificationError('MALFORMED', 'a JWT has three base64url parts separated by dots (header.payload.signature)');
  }

  let result: Awaited<ReturnType<typeof compactVerify<CryptoKey>>>;
  try {
    result = await compactVerify(token, resolveKey, { algorithms: options.algorithmList });
  } catch (error) {
    if (error instanceof VerificationError) throw error;
    // Only JOSEAlgNotAllowed means the allow-list said no. jose checks `crit` before `alg` and throws
    // JOSENotSupported for an extension it does not understand: that token is invalid (RFC 7515 §4.1.11), i.e. MALFORMED.
    if (error instanceof joseErrors.JOSEAlgNotAllowed) {
      const alg = headerAlg(token);
      throw new VerificationError('ALG_NOT_ALLOWED', `alg ${JSON.stringify(alg)} is not allowed (allowed: ${options.algorithmList.join(', ')}); never let the token choose its algorithm`);
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new VerificationError('BAD_SIGNATURE', `the signature does not match the key "${String(headerKid(token))}": the token was altered, or signed by another key with the same kid`);
    }
    throw new VerificationError('MALFORMED', `the token is not a valid JWS: ${(error as Error).message}`, { cause: error });
  }
  const text = decodePayload(result.payload);
  // Only here, not for a remembered token, whose payload passed this check when it was remembered.
  if (jsonTextTooDeep(text, maxPayloadDepth)) throw new VerificationError('MALFORMED', `the payload nests deeper than ${maxPayloadDepth} levels`);
  const payload = parsePayload(text);
  // jose hands back the key the resolver chose (the very object, so a later lookup can tell it is still the one).
  verified.remember(token, { kid: result.protectedHeader.kid!, alg: result.protectedHeader.alg, key: result.key, payload: text });
  return checkClaims(payload, options);
}

function headerAlg(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

function headerKid(token: string): unknown {
  try {
    return decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
}
