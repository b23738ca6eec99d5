import { base64url, compactVerify, decodeProtectedHeader, errors as joseErrors, type CompactJWSHeaderParameters, type CryptoKey } from 'jose';
import { checkClaims, decodePayload, parsePayload, type VerifiedClaims } from './claims.js';
import type { VerificationCheck } from './checks.js';
import { VerificationError } from './errors.js';
import { JwksCache } from './jwks-cache.js';
import { jsonTextTooDeep, maxPayloadDepth } from './json-depth.js';
import type { KeySource } from './key-source.js';
import { resolveOptions, type KeySourceVerifierOptions, type ResolvedOptions, type VerifierOptions } from './options.js';
import { plainHeader, rs256KeyObject, rs256Payload, type PlainHeader } from './rs256.js';
import { VerifiedSignatures } from './verified-signatures.js';

/** A configured verifier: one issuer, one audience rule, one token use. */
export interface Verifier<Keys extends KeySource = JwksCache> {
  /** Resolves to the token's claims, or rejects with a {@link VerificationError}. */
  verify(token: string): Promise<VerifiedClaims>;
  /**
   * Where its keys come from: its JWKS cache (counters for tests: `verifier.cache.counters`), or the
   * `keySource` it was created with.
   */
  readonly cache: Keys;
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
export function createVerifier<Keys extends KeySource>(options: KeySourceVerifierOptions<Keys>): Verifier<Keys>;
export function createVerifier(options: VerifierOptions): Verifier;
export function createVerifier(options: VerifierOptions | KeySourceVerifierOptions): Verifier<KeySource> {
  const keySource = options !== null && typeof options === 'object' && 'keySource' in options ? options.keySource : undefined;
  // A key source names its JWKS URI, so it stands in for the one derived from the issuer.
  const resolved = resolveOptions(keySource === undefined ? options : { ...options, jwksUri: options.jwksUri ?? keySource?.uri });
  const keys = keySource === undefined ? jwksCacheFor(options, resolved) : checkedKeySource(options as KeySourceVerifierOptions);
  const state: VerifierState = { options: resolved, keys, verified: new VerifiedSignatures(resolved.verifiedSignatures) };
  return {
    cache: keys,
    jwksUri: keys.uri,
    issuer: resolved.issuer,
    verify: (token) => verifyToken(token, state),
  };
}

/** The shared cache the options name, or a new one for the verifier's JWKS URI. */
function jwksCacheFor(options: VerifierOptions, resolved: ResolvedOptions): JwksCache {
  if (options.cache instanceof JwksCache && options.jwksUri !== undefined && options.jwksUri !== options.cache.uri) {
    throw new TypeError(`createVerifier: "jwksUri" (${options.jwksUri}) differs from the shared cache's (${options.cache.uri})`);
  }
  return options.cache instanceof JwksCache ? options.cache : new JwksCache(resolved.jwksUri, { now: resolved.now, ...options.cache });
}

function checkedKeySource(options: KeySourceVerifierOptions): KeySource {
  const source = options.keySource;
  if (typeof source?.getKey !== 'function' || typeof source.peek !== 'function' || typeof source.uri !== 'string') {
    throw new TypeError('createVerifier: "keySource" must be a KeySource (uri, getKey, peek, refresh)');
  }
  if ((options as VerifierOptions).cache !== undefined) throw new TypeError('createVerifier: give "keySource" or "cache", not both');
  if (options.jwksUri !== undefined && options.jwksUri !== source.uri) {
    throw new TypeError(`createVerifier: "jwksUri" (${options.jwksUri}) differs from the key source's (${source.uri})`);
  }
  return source;
}

/** What a verifier holds, made once by {@link createVerifier}. */
interface VerifierState {
  options: ResolvedOptions;
  keys: KeySource;
  verified: VerifiedSignatures;
}

/**
 * How far a verification has gone inside jose's compactVerify, so that a failure jose reports as malformed
 * names the verifier's check: before the key is asked for, the token's form; while it is being found, the key
 * (which cannot verify: the signature check); after, the signature, or (once that held) the payload.
 */
type Progress = { stage: 'header' | 'key' | 'verify' };

/** Chooses the key for a header jose has parsed (after checking alg against the allow-list): by kid, from the key source. */
function keyResolver(keys: KeySource, progress: Progress) {
  return async (header: Pick<CompactJWSHeaderParameters, 'alg' | 'kid'>): Promise<CryptoKey> => {
    progress.stage = 'key';
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '') {
      throw new VerificationError('MISSING_KID', 'the header has no "kid", so no key can be chosen from the JWKS');
    }
    const key = await keys.getKey(kid, header.alg);
    checkJwkAlg(keys, kid, header.alg);
    progress.stage = 'verify';
    return key;
  };
}

/** ALG_NOT_ALLOWED when the JWK the key source has for `kid` names another algorithm than the token's. */
function checkJwkAlg(keys: KeySource, kid: string, alg: string | undefined): void {
  const jwkAlg = keys.peek(kid)?.alg;
  if (jwkAlg !== undefined && jwkAlg !== alg) {
    throw new VerificationError('ALG_NOT_ALLOWED', `key "${kid}" is for ${jwkAlg}, but the token says ${alg}`);
  }
}

/** Verifies; whatever goes wrong that is not already a VerificationError becomes MALFORMED (the verifier rejects with nothing else). */
async function verifyToken(token: string, state: VerifierState): Promise<VerifiedClaims> {
  try {
    return verifyNow(token, state) ?? (await checkToken(token, state));
  } catch (error) {
    if (error instanceof VerificationError) throw error;
    throw new VerificationError('MALFORMED', `the token could not be processed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

/**
 * The same verification as {@link checkToken}, step for step and with the same verdicts, without a promise turn:
 * for a plain RS256 token (see rs256.ts) whose key the key source has ready ({@link KeySource.keyNow}). Undefined,
 * having changed nothing, as soon as a step would have to wait or is not one of those: checkToken then does it
 * all. Once the key is chosen it does not hand over; a signature node:crypto does not accept goes to jose with
 * that key (a promise then). Why: a verification of a distinct token is an RSA check (~30 µs) plus this; the
 * promise turns of the general path were a tenth of it (docs/reference/performance.md).
 */
function verifyNow(token: string, { options, keys, verified }: VerifierState): VerifiedClaims | Promise<VerifiedClaims> | undefined {
  if (keys.keyNow === undefined || typeof token !== 'string' || token.length > maxTokenLength) return undefined;
  const seen = verified.lookup(token);
  if (seen) {
    const key = keys.keyNow(seen.kid, seen.alg);
    if (key === undefined) return undefined;
    if (key === seen.key) return checkClaims(parsePayload(seen.payload), options);
    verified.forget(token);
  }
  if (!compactJws.test(token) || !options.algorithmList.includes('RS256')) return undefined;
  const header = plainHeader(token.slice(0, token.indexOf('.')));
  const key = header && keys.keyNow(header.kid, header.alg);
  if (!header || !key) return undefined;
  checkJwkAlg(keys, header.kid, header.alg);
  const signed = signedBy(token, header, key, options);
  if (!(signed instanceof Promise)) return accept(token, signed, options, verified);
  return signed.then(
    (held) => accept(token, held, options, verified),
    (error: unknown) => {
      throw joseFailure(error, token, options, { stage: 'verify' });
    },
  );
}

async function checkToken(token: string, { options, keys, verified }: VerifierState): Promise<VerifiedClaims> {
  if (typeof token !== 'string') throw new VerificationError('MALFORMED', 'the token must be a string');
  if (token.length > maxTokenLength) throw new VerificationError('MALFORMED', `the token is longer than ${maxTokenLength} characters`);

  // The same bytes were verified before: their signature holds as long as the key source hands out the same key for
  // their kid (it refreshes, rotates and forgets keys exactly as for a full verification). The claims are checked anew.
  const seen = verified.lookup(token);
  if (seen) {
    if ((await keys.getKey(seen.kid, seen.alg)) === seen.key) return checkClaims(parsePayload(seen.payload), options);
    verified.forget(token);
  }
  if (!compactJws.test(token)) {
    throw new VerificationError('MALFORMED', 'a JWT has three base64url parts separated by dots (header.payload.signature)');
  }

  const progress: Progress = { stage: 'header' };
  const resolveKey = keyResolver(keys, progress);
  let signed: Signed;
  try {
    signed = (await nodeCryptoVerified(token, options, resolveKey)) ?? (await joseVerified(token, options, resolveKey));
  } catch (error) {
    throw joseFailure(error, token, options, progress);
  }
  return accept(token, signed, options, verified);
}

/** A token whose signature held, with what. */
type Signed = { kid: string; alg: string; key: CryptoKey; payload: Uint8Array };

/** After the signature: the payload read (UTF-8, not too deep, a JSON object), the token remembered, the claims checked. */
function accept(token: string, signed: Signed, options: ResolvedOptions, verified: VerifiedSignatures): VerifiedClaims {
  const text = decodePayload(signed.payload);
  // Only here, not for a remembered token, whose payload passed this check when it was remembered.
  if (jsonTextTooDeep(text, maxPayloadDepth)) throw new VerificationError('MALFORMED', `the payload nests deeper than ${maxPayloadDepth} levels`, { check: 'payload' });
  const payload = parsePayload(text);
  verified.remember(token, { kid: signed.kid, alg: signed.alg, key: signed.key, payload: text });
  return checkClaims(payload, options);
}

/** What a failure on the way to a held signature means, as the verifier's error. */
function joseFailure(error: unknown, token: string, options: ResolvedOptions, progress: Progress): VerificationError {
  if (error instanceof VerificationError) return error;
  // Only JOSEAlgNotAllowed means the allow-list said no. jose checks `crit` before `alg` and throws
  // JOSENotSupported for an extension it does not understand: that token is invalid (RFC 7515 §4.1.11), i.e. MALFORMED.
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    const alg = headerAlg(token);
    return new VerificationError('ALG_NOT_ALLOWED', `alg ${JSON.stringify(alg)} is not allowed (allowed: ${options.algorithmList.join(', ')}); never let the token choose its algorithm`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new VerificationError('BAD_SIGNATURE', `the signature does not match the key "${String(headerKid(token))}": the token was altered, or signed by another key with the same kid`);
  }
  return new VerificationError('MALFORMED', `the token is not a valid JWS: ${(error as Error).message}`, { cause: error, check: malformedAt(progress, error, token) });
}

type KeyResolver = ReturnType<typeof keyResolver>;

/**
 * The plainest tokens (see rs256.ts): the header read once per distinct header, the key chosen by the same
 * resolver (so every check before the signature is the same), the signature checked with node:crypto. Undefined
 * when the token is not one of those or its signature does not hold here: jose then decides, with the key
 * already chosen, so the key source is asked once.
 */
async function nodeCryptoVerified(token: string, options: ResolvedOptions, resolveKey: KeyResolver): Promise<Signed | undefined> {
  if (!options.algorithmList.includes('RS256')) return undefined;
  const header = plainHeader(token.slice(0, token.indexOf('.')));
  if (!header) return undefined;
  return signedBy(token, header, await resolveKey(header), options);
}

/**
 * A plain token's signature with its chosen key: node:crypto's "it holds" at once, or else jose's verdict (a
 * promise), with that key.
 */
function signedBy(token: string, header: PlainHeader, key: CryptoKey, options: ResolvedOptions): Signed | Promise<Signed> {
  const keyObject = rs256KeyObject(key);
  const payload = keyObject && rs256Payload(token, token.lastIndexOf('.'), keyObject);
  if (payload) return { kid: header.kid, alg: header.alg, key, payload };
  return joseVerified(token, options, async () => key);
}

/** jose's compactVerify, with every rule of the compact serialisation, and the key the resolver chose. */
async function joseVerified(token: string, options: ResolvedOptions, resolveKey: (header: CompactJWSHeaderParameters) => Promise<CryptoKey>): Promise<Signed> {
  const result = await compactVerify(token, resolveKey, { algorithms: options.algorithmList });
  // jose hands back the key the resolver chose (the very object, so a later lookup can tell it is still the one).
  return { kid: result.protectedHeader.kid!, alg: result.protectedHeader.alg, key: result.key, payload: result.payload };
}

/**
 * The check a token jose found malformed failed. Before the key: its form (header, crit, alg). From the key on,
 * the signature (a key that cannot be imported or is too short to verify, a signature that does not decode),
 * but for the payload's base64url, which jose decodes only once the signature has decoded and held.
 */
function malformedAt({ stage }: Progress, error: unknown, token: string): VerificationCheck {
  if (stage === 'header') return 'format';
  const payloadUndecodable = stage === 'verify' && error instanceof joseErrors.JWSInvalid && decodes(token.slice(token.lastIndexOf('.') + 1));
  return payloadUndecodable ? 'payload' : 'signature';
}

function decodes(part: string): boolean {
  try {
    base64url.decode(part);
    return true;
  } catch {
    return false;
  }
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
