/**
 * The third-party verifier libraries (jose, jsonwebtoken + jwks-rsa,
 * aws-jwt-verify's two verifiers, fast-jwt + get-jwks) and the project's own
 * `mock-idp/verifier`, each wrapped as a user would use it against Cognito (the
 * "usual recipe"), behind one interface so the compat and matrix tests can hand
 * every library the same token and compare verdicts.
 *
 * Each adapter keeps its verifier instances and their JWKS caches for its whole
 * life (one per JWKS URI / issuer / token use), as an application would, and
 * counts the JWKS requests it makes through its fetcher, so rotation tests can
 * show the caching behaviour. Make a new adapter for a verifier that has never
 * fetched anything.
 */
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createVerifier as createFastJwtVerifier } from 'fast-jwt';
import buildGetJwks from 'get-jwks';
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from 'jose';
import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import type { TokenUse } from '../../src/config/types.js';
import { createVerifier, type Verifier } from '../../src/verifier/index.js';

export interface VerifyOptions {
  /** The exact `iss` the application expects. */
  issuer: string;
  /** The app client id: `aud` of ID tokens, `client_id` of access tokens. */
  clientId: string;
  tokenUse: TokenUse;
  /** Where the keys are (on the mock, whatever the issuer style). */
  jwksUri: string;
}

/**
 * What a library concluded. A rejection carries the library's own error: its
 * `code` when it has a string one (jose `ERR_JWT_EXPIRED`, fast-jwt
 * `FAST_JWT_EXPIRED`, mock-idp/verifier `EXPIRED`), otherwise its class name
 * (jsonwebtoken `TokenExpiredError`, aws-jwt-verify `JwtExpiredError`), and its
 * message. `cause` is the code of an error the library wrapped (fast-jwt keeps a
 * key callback's error as `originalError`). Rejections by the Cognito checks the
 * recipe adds after the library accepted (see {@link CognitoRecipeError}) have
 * `by: 'recipe'`.
 */
export type LibraryVerdict = { accept: true } | { accept: false; by: 'library' | 'recipe'; code: string; message: string; cause?: string };

export type LibraryName =
  | 'jose'
  | 'jsonwebtoken+jwks-rsa'
  | 'aws-jwt-verify/CognitoJwtVerifier'
  | 'aws-jwt-verify/JwtVerifier'
  | 'fast-jwt+get-jwks'
  | 'mock-idp/verifier'
  /** Not a library: the App Services custom-JWT login of a live mock-idp (app-services-login.ts). */
  | 'App Services login (mock-idp)';

export interface CompatVerifier {
  readonly name: LibraryName;
  verify(token: string, options: VerifyOptions): Promise<LibraryVerdict>;
  /** JWKS requests this adapter's verifiers have made so far. */
  readonly jwksFetches: number;
}

/** Counts requests made through the fetch function a library was given. */
class CountingFetch {
  count = 0;
  readonly fetch = (url: string, init?: RequestInit): Promise<Response> => {
    this.count += 1;
    return fetch(url, init);
  };
}

/** A rejection in one line, for test messages: `code (cause): message`. */
export function describeVerdict(verdict: LibraryVerdict): string {
  if (verdict.accept) return 'accepted';
  const by = verdict.by === 'recipe' ? 'recipe check ' : '';
  return `rejected by ${by}${verdict.code}${verdict.cause ? ` (${verdict.cause})` : ''}: ${verdict.message}`;
}

/** An error's own code if it has a string one, else its class name. */
function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; constructor?: { name?: string } } | null;
  if (typeof e?.code === 'string') return e.code;
  const ctor = e?.constructor?.name;
  return ctor && ctor !== 'Error' ? ctor : typeof e?.name === 'string' ? e.name : 'Error';
}

async function settle(run: () => Promise<unknown>): Promise<LibraryVerdict> {
  try {
    await run();
    return { accept: true };
  } catch (error) {
    const e = error as Error & { originalError?: unknown };
    if (error instanceof CognitoRecipeError) return { accept: false, by: 'recipe', code: error.check, message: error.message };
    const verdict: LibraryVerdict = { accept: false, by: 'library', code: errorCode(error), message: e?.message ?? String(error) };
    if (e?.originalError !== undefined) verdict.cause = errorCode(e.originalError);
    return verdict;
  }
}

/**
 * Thrown by {@link checkCognitoClaims}, the checks the recipe adds after a
 * generic library accepted a token, so the matrix can tell them apart from the
 * library's own errors. `check` names the claim that failed.
 */
export class CognitoRecipeError extends Error {
  override readonly name = 'CognitoRecipeError';
  constructor(
    readonly check: 'token_use' | 'client_id',
    message: string,
  ) {
    super(message);
  }
}

/**
 * What AWS tells users of generic JWT libraries to add after the signature,
 * `exp` and `iss` checks: `token_use` must be the expected one, and an access
 * token's `client_id` must be the app client (access tokens have no `aud`; an
 * ID token's `aud` is checked by the library's audience option).
 */
function checkCognitoClaims(payload: unknown, { tokenUse, clientId }: VerifyOptions): void {
  const claims = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  if (claims.token_use !== tokenUse) {
    throw new CognitoRecipeError('token_use', `token_use is ${JSON.stringify(claims.token_use)}, expected "${tokenUse}"`);
  }
  if (tokenUse === 'access' && claims.client_id !== clientId) {
    throw new CognitoRecipeError('client_id', `client_id is ${JSON.stringify(claims.client_id)}, expected "${clientId}"`);
  }
}

export interface JoseVerifierOptions {
  /**
   * jose refetches on an unknown kid only when its last fetch is older than
   * this (real time, ms; jose's default 30 000). Rotation tests pass 0 so a
   * new key is fetched at once.
   */
  cooldownDuration?: number;
  /** How long (real time, ms) jose trusts its cached JWKS; jose's default 600 000. */
  cacheMaxAge?: number;
}

/** jose: `createRemoteJWKSet` + `jwtVerify`, then the Cognito claim checks. */
export function joseVerifier(options: JoseVerifierOptions = {}): CompatVerifier {
  const counter = new CountingFetch();
  const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const jwksFor = (uri: string) => {
    let set = sets.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { ...options, [customFetch]: counter.fetch });
      sets.set(uri, set);
    }
    return set;
  };
  return {
    name: 'jose',
    get jwksFetches() {
      return counter.count;
    },
    verify: (token, o) =>
      settle(async () => {
        const { payload }: { payload: JWTPayload } = await jwtVerify(token, jwksFor(o.jwksUri), {
          issuer: o.issuer,
          algorithms: ['RS256'],
          ...(o.tokenUse === 'id' ? { audience: o.clientId } : {}),
        });
        checkCognitoClaims(payload, o);
      }),
  };
}

/** jsonwebtoken + jwks-rsa: `jwt.verify` with a `getSigningKey(kid)` callback, then the Cognito claim checks. */
export function jsonwebtokenVerifier(): CompatVerifier {
  let fetches = 0;
  const clients = new Map<string, jwksClient.JwksClient>();
  const clientFor = (jwksUri: string) => {
    let client = clients.get(jwksUri);
    if (!client) {
      // Default options (cache: true, 10 min per kid). The fetcher is jwks-rsa's
      // documented hook, used here only to count requests.
      client = jwksClient({
        jwksUri,
        fetcher: async (uri) => {
          fetches += 1;
          const res = await fetch(uri);
          if (!res.ok) throw new Error(`JWKS request failed: HTTP ${res.status}`);
          return (await res.json()) as { keys: unknown };
        },
      });
      clients.set(jwksUri, client);
    }
    return client;
  };
  return {
    name: 'jsonwebtoken+jwks-rsa',
    get jwksFetches() {
      return fetches;
    },
    verify: (token, o) =>
      settle(async () => {
        const client = clientFor(o.jwksUri);
        const getKey: jwt.GetPublicKeyOrSecret = (header, callback) => {
          client.getSigningKey(header.kid, (err, key) => callback(err, key?.getPublicKey()));
        };
        const payload = await new Promise<unknown>((resolve, reject) => {
          jwt.verify(token, getKey, { issuer: o.issuer, algorithms: ['RS256'], ...(o.tokenUse === 'id' ? { audience: o.clientId } : {}) }, (err, decoded) => (err ? reject(err) : resolve(decoded)));
        });
        checkCognitoClaims(payload, o);
      }),
  };
}

/**
 * An aws-jwt-verify `Fetcher` over the global `fetch`: its default
 * `SimpleFetcher` uses Node's `https.request` and so cannot reach an `http:`
 * mock. Like `SimpleFetcher`, it wants HTTP 200 and returns the body as an
 * ArrayBuffer. `rewrite` maps the URI the library asks for to where the keys are.
 */
class LocalFetcher implements Fetcher {
  count = 0;
  constructor(private readonly rewrite: (uri: string) => string = (uri) => uri) {}

  async fetch(uri: string): Promise<ArrayBuffer> {
    this.count += 1;
    const res = await fetch(this.rewrite(uri));
    if (res.status !== 200) throw new Error(`JWKS request to ${uri} failed: HTTP ${res.status}, expected 200`);
    return res.arrayBuffer();
  }
}

type VerifyFn = (token: string) => Promise<unknown>;

/**
 * aws-jwt-verify's `CognitoJwtVerifier` for tokens with Cognito's real issuer
 * (mock-idp with `issuerStyle: "cognito"`). It ignores any `jwksUri` and asks for
 * `https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`, so the
 * fetcher rewrites that origin to the mock (`aws-jwt-verify/dist/esm/cognito-verifier.js`).
 * The `jwksUri` passed to `verify` is not used, as in real use.
 */
export function awsCognitoVerifier({ mockUrl }: { mockUrl: string }): CompatVerifier {
  const fetcher = new LocalFetcher((uri) => uri.replace(/^https:\/\/(issuer-)?cognito-idp\.[^/]+/, mockUrl));
  const jwksCache = new SimpleJwksCache({ fetcher });
  const verifiers = new Map<string, VerifyFn>();
  const verifierFor = ({ issuer, tokenUse, clientId }: VerifyOptions): VerifyFn => {
    const userPoolId = new URL(issuer).pathname.split('/').pop()!;
    const key = `${userPoolId} ${tokenUse} ${clientId}`;
    let verify = verifiers.get(key);
    if (!verify) {
      const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse, clientId }, { jwksCache });
      verify = (token) => verifier.verify(token);
      verifiers.set(key, verify);
    }
    return verify;
  };
  return {
    name: 'aws-jwt-verify/CognitoJwtVerifier',
    get jwksFetches() {
      return fetcher.count;
    },
    verify: (token, o) => settle(() => verifierFor(o)(token)),
  };
}

/**
 * aws-jwt-verify's generic `JwtVerifier` for a local issuer, with the Cognito
 * checks as a `customJwtCheck` (its `validateCognitoJwtFields`). It takes a
 * `jwksUri`, but its default fetcher refuses `http:` (`Protocol "http:" not
 * supported`), so it gets a `SimpleJwksCache` with a fetch-based fetcher, the
 * supported way (`JwtVerifier.create(props, { jwksCache })`).
 */
export function awsJwtVerifier(): CompatVerifier {
  const fetcher = new LocalFetcher();
  const jwksCache = new SimpleJwksCache({ fetcher });
  const verifiers = new Map<string, VerifyFn>();
  const verifierFor = ({ issuer, tokenUse, clientId, jwksUri }: VerifyOptions): VerifyFn => {
    const key = `${issuer} ${tokenUse} ${clientId} ${jwksUri}`;
    let verify = verifiers.get(key);
    if (!verify) {
      const verifier = JwtVerifier.create(
        {
          issuer,
          audience: null, // aud (ID) or client_id (access) is checked below, as CognitoJwtVerifier does
          jwksUri,
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
        },
        { jwksCache },
      );
      verify = (token) => verifier.verify(token);
      verifiers.set(key, verify);
    }
    return verify;
  };
  return {
    name: 'aws-jwt-verify/JwtVerifier',
    get jwksFetches() {
      return fetcher.count;
    },
    verify: (token, o) => settle(() => verifierFor(o)(token)),
  };
}

/**
 * fast-jwt + get-jwks, as get-jwks's README shows for fast-jwt: `createVerifier`
 * with an async `key` callback that asks get-jwks for the PEM of the header's
 * `kid` and `alg` under a fixed `domain` (never the token's own `iss`), with
 * `issuersWhitelist` pinned to that domain; `algorithms: ['RS256']`,
 * `allowedIss`, and `allowedAud` for ID tokens (access tokens have no `aud`);
 * then the Cognito claim checks. get-jwks fetches `{domain}/.well-known/jwks.json`,
 * which is the JWKS URI of a mock-idp pool (and of a Cognito pool) when
 * `domain` is the issuer. get-jwks calls the global `fetch` and has no fetcher
 * hook, so `jwksFetches` counts its cache misses (each is one JWKS request).
 */
export function fastJwtVerifier(): CompatVerifier {
  let fetches = 0;
  const jwksSuffix = '.well-known/jwks.json';
  const getters = new Map<string, ReturnType<typeof buildGetJwks>>();
  const getterFor = (domain: string) => {
    let getJwks = getters.get(domain);
    if (!getJwks) {
      // Defaults otherwise (an LRU cache of 100 keys for 60 s, 5 s timeout).
      getJwks = buildGetJwks({ issuersWhitelist: [domain] });
      getters.set(domain, getJwks);
    }
    return getJwks;
  };
  return {
    name: 'fast-jwt+get-jwks',
    get jwksFetches() {
      return fetches;
    },
    verify: (token, o) =>
      settle(async () => {
        if (!o.jwksUri.endsWith(`/${jwksSuffix}`)) throw new TypeError(`get-jwks wants a JWKS URI ending in /${jwksSuffix}, not ${o.jwksUri}`);
        const domain = o.jwksUri.slice(0, -jwksSuffix.length);
        const getJwks = getterFor(domain);
        const verify = createFastJwtVerifier({
          key: async ({ header }: { header: Record<string, unknown> }) => {
            const { kid, alg } = header as { kid?: string; alg?: string };
            if (getJwks.cache.get(getJwks.generateCacheKey(alg!, kid!, domain)) === undefined) fetches += 1; // domain ends in '/', as get-jwks normalizes it
            return getJwks.getPublicKey({ kid, alg, domain });
          },
          algorithms: ['RS256'],
          allowedIss: o.issuer,
          ...(o.tokenUse === 'id' ? { allowedAud: o.clientId } : {}),
        });
        const payload: unknown = await verify(token);
        checkCognitoClaims(payload, o);
      }),
  };
}

/**
 * The project's own verifier, `createVerifier` from `mock-idp/verifier`, with
 * nothing but what it requires: issuer, client id, token use (and the JWKS URI,
 * which a local issuer's tokens would find by default too). It applies
 * Cognito's rules itself, so no recipe checks are added.
 */
export function mockIdpVerifier(): CompatVerifier {
  const verifiers = new Map<string, Verifier>();
  const verifierFor = ({ issuer, tokenUse, clientId, jwksUri }: VerifyOptions): Verifier => {
    const key = `${issuer} ${tokenUse} ${clientId} ${jwksUri}`;
    let verifier = verifiers.get(key);
    if (!verifier) {
      verifier = createVerifier({ issuer, clientId, tokenUse, jwksUri });
      verifiers.set(key, verifier);
    }
    return verifier;
  };
  return {
    name: 'mock-idp/verifier',
    get jwksFetches() {
      return [...verifiers.values()].reduce((n, v) => n + v.cache.counters.fetches, 0);
    },
    verify: (token, o) => settle(() => verifierFor(o).verify(token)),
  };
}
