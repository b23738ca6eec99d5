/**
 * The three third-party verifier libraries, each wrapped as a user would use it
 * against Cognito (the "usual recipe"), behind one interface so the compat
 * tests can hand every library the same token and compare verdicts.
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
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from 'jose';
import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import type { TokenUse } from '../../src/config/types.js';

export interface VerifyOptions {
  /** The exact `iss` the application expects. */
  issuer: string;
  /** The app client id: `aud` of ID tokens, `client_id` of access tokens. */
  clientId: string;
  tokenUse: TokenUse;
  /** Where the keys are (on the mock, whatever the issuer style). */
  jwksUri: string;
}

export type LibraryVerdict = { accept: true } | { accept: false; error: string };

export type LibraryName = 'jose' | 'jsonwebtoken+jwks-rsa' | 'aws-jwt-verify/CognitoJwtVerifier' | 'aws-jwt-verify/JwtVerifier';

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

async function settle(run: () => Promise<unknown>): Promise<LibraryVerdict> {
  try {
    await run();
    return { accept: true };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    const kind = typeof e.code === 'string' ? e.code : (e?.constructor?.name ?? 'Error');
    return { accept: false, error: `${kind}: ${e?.message ?? String(error)}` };
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
  if (claims.token_use !== tokenUse) throw new Error(`token_use is ${JSON.stringify(claims.token_use)}, expected "${tokenUse}"`);
  if (tokenUse === 'access' && claims.client_id !== clientId) {
    throw new Error(`client_id is ${JSON.stringify(claims.client_id)}, expected "${clientId}"`);
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
          jwt.verify(
            token,
            getKey,
            { issuer: o.issuer, algorithms: ['RS256'], ...(o.tokenUse === 'id' ? { audience: o.clientId } : {}) },
            (err, decoded) => (err ? reject(err) : resolve(decoded)),
          );
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
 * fetcher rewrites that origin to the mock (reference/cognito.md §6 option (a)).
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
 * checks as a `customJwtCheck` (reference/cognito.md §6 option (c)). It takes a
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
