import type { JwksCache, JwksCacheOptions } from './jwks-cache.js';
import type { KeySource } from './key-source.js';

export type TokenUse = 'id' | 'access';

/**
 * The defaults of the options that have one (the JWKS cache's are `jwksCacheDefaults`).
 *
 * @example
 * import { verifierDefaults } from 'mock-idp/verifier';
 * verifierDefaults.clockToleranceSeconds; // 5
 */
export const verifierDefaults = Object.freeze({
  /** `algorithms`: RS256 only, what Cognito signs with. */
  algorithms: Object.freeze<string[]>(['RS256']),
  /** `clockToleranceSeconds`. */
  clockToleranceSeconds: 5,
  /** `verifiedSignatures`. */
  verifiedSignatures: 1024,
});

/**
 * What a verifier checks. `issuer`, `tokenUse` and one of `clientId` /
 * `audience` are required: pass `null` to waive a check on purpose.
 */
export interface VerifierOptions {
  /** The exact `iss`, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123`. `null` skips the check. */
  issuer: string | null;
  /**
   * Cognito's rule: an ID token's `aud`, or an access token's `client_id`, must
   * be (one of) these. `null` skips the check.
   */
  clientId?: string | readonly string[] | null;
  /** Generic OIDC rule: `aud` must contain (one of) these. Use for non-Cognito tokens. `null` skips the check. */
  audience?: string | readonly string[] | null;
  /** `token_use` must be this. `null` skips the check. */
  tokenUse: TokenUse | null;
  /**
   * Where the keys are. Default: `{issuer}/.well-known/jwks.json` (Cognito's
   * layout, and mock-idp's for a local issuer).
   */
  jwksUri?: string;
  /** Allowed `alg` values, RSA only. Default `['RS256']`; `none` and HMAC algorithms are never allowed. */
  algorithms?: readonly string[];
  /** Leeway for `exp`, `nbf` and `iat`. Default 5 s. */
  clockToleranceSeconds?: number;
  /** The token's `cognito:groups` must include one of these. */
  groups?: string | readonly string[] | null;
  /** The token's `scope` must include one of these. */
  scope?: string | readonly string[] | null;
  /** A shared {@link JwksCache}, or options for this verifier's own. (Keys from elsewhere: {@link KeySourceVerifierOptions}.) */
  cache?: JwksCache | JwksCacheOptions;
  /** The current time, epoch ms. Default `Date.now` (tests pass a fake clock). */
  now?: () => number;
  /**
   * How many verified signatures to remember, by exact token, so that a token
   * verified twice skips the RS256 check from then on (never the claim checks,
   * and only while the JWKS still has the very key that verified it). Default
   * 1024; 0 turns it off.
   */
  verifiedSignatures?: number;
}

/**
 * The options of a verifier that takes its keys from a {@link KeySource} of the caller's (keys held in
 * the same process, say) instead of fetching a JWKS: `keySource` in place of `cache`. `jwksUri`
 * defaults to the source's `uri`.
 *
 * @example
 * const verifier = createVerifier({ issuer, clientId: null, tokenUse: 'access', keySource: new LocalKeySource(uri, () => jwks.keys) });
 */
export type KeySourceVerifierOptions<Keys extends KeySource = KeySource> = Omit<VerifierOptions, 'cache'> & {
  /** Where the keys come from. */
  keySource: Keys;
};

export interface ResolvedOptions {
  issuer: string | null;
  clientIds: readonly string[] | null;
  audiences: readonly string[] | null;
  tokenUse: TokenUse | null;
  jwksUri: string;
  algorithms: ReadonlySet<string>;
  algorithmList: string[];
  toleranceSeconds: number;
  groups: readonly string[] | null;
  scopes: readonly string[] | null;
  now: () => number;
  verifiedSignatures: number;
}

/** Cognito signs with RSA; the cache keeps RSA keys, so RSA signature algorithms are the ones that can verify. */
const rsaAlgorithms = /^(RS|PS)(256|384|512)$/;

/** Checks the options once, at creation: a mistake here is a bug in the caller, so it throws a TypeError. */
export function resolveOptions(options: VerifierOptions): ResolvedOptions {
  const fail = (message: string): never => {
    throw new TypeError(`createVerifier: ${message}`);
  };
  if (options === null || typeof options !== 'object') fail('options are required');
  if (options.issuer === undefined) fail('"issuer" is required (pass null to skip the issuer check on purpose)');
  if (options.tokenUse === undefined) fail('"tokenUse" is required: "id", "access", or null to skip the check on purpose');
  if (options.tokenUse !== null && options.tokenUse !== 'id' && options.tokenUse !== 'access') fail('"tokenUse" must be "id", "access" or null');
  if (options.clientId === undefined && options.audience === undefined) {
    fail('"clientId" (Cognito: aud of ID tokens, client_id of access tokens) or "audience" is required (pass null to skip on purpose)');
  }
  const jwksUri = options.jwksUri ?? (options.issuer ? `${options.issuer.replace(/\/+$/, '')}/.well-known/jwks.json` : fail('"jwksUri" is required when "issuer" is null'));
  try {
    const url = new URL(jwksUri);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`"jwksUri" must be http(s), got ${url.protocol}`);
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('createVerifier')) throw error;
    fail(`"jwksUri" is not a URL: ${jwksUri}`);
  }
  const algorithms = options.algorithms ?? verifierDefaults.algorithms;
  const bad = algorithms.find((alg) => !rsaAlgorithms.test(alg));
  if (bad !== undefined) fail(`algorithm "${bad}" is not allowed: only RSA signature algorithms (RS256, RS384, RS512, PS256, PS384, PS512) verify against a Cognito JWKS`);
  if (algorithms.length === 0) fail('"algorithms" must name at least one algorithm');
  const tolerance = options.clockToleranceSeconds ?? verifierDefaults.clockToleranceSeconds;
  if (!Number.isFinite(tolerance) || tolerance < 0) fail('"clockToleranceSeconds" must be a number ≥ 0');
  const verifiedSignatures = options.verifiedSignatures ?? verifierDefaults.verifiedSignatures;
  if (!Number.isSafeInteger(verifiedSignatures) || verifiedSignatures < 0) fail('"verifiedSignatures" must be an integer ≥ 0');
  return {
    issuer: options.issuer,
    clientIds: list(options.clientId),
    audiences: list(options.audience),
    tokenUse: options.tokenUse,
    jwksUri,
    algorithms: new Set(algorithms),
    algorithmList: [...algorithms],
    toleranceSeconds: tolerance,
    groups: list(options.groups),
    scopes: list(options.scope),
    now: options.now ?? Date.now,
    verifiedSignatures,
  };
}

function list(value: string | readonly string[] | null | undefined): readonly string[] | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? [value] : [...value];
}
