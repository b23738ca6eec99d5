/**
 * The JSON the control API (`/_mock/*`) answers with, as types: the one place
 * these shapes are written, for the server, which builds the answers, and the
 * teaching page, which reads them.
 *
 * Types only, importing nothing, so that both compile it: the server
 * (tsconfig.json, Node) with `import type` from `../page/wire.js`, and the page
 * (src/page/tsconfig.json, the DOM and no Node types), whose files it sits
 * among. Where the server knows a closed set of codes (the verifier's
 * `VerificationErrorCode`, the verify report's check ids), a type takes it as
 * a parameter; the page reads them as strings.
 */

/** Which token: the ID token or the access token (the JWT's `token_use`). */
export type TokenUse = 'id' | 'access';

/** What a correct verifier concludes about a token: accept it, or reject it with a code. */
export type Verdict<Code extends string = string> = { accept: true } | { accept: false; code: Code };

/**
 * A key's place in its life:
 * - `pending`: published in the JWKS, not yet signing (so caches can learn it first);
 * - `active`: the one key that signs this pool's tokens of this use;
 * - `retiring`: replaced, still published while tokens it signed can be valid;
 * - `retired`: gone from the JWKS; tokens it signed fail with an unknown kid.
 */
export type KeyState = 'pending' | 'active' | 'retiring' | 'retired';

/** A key as the control API shows it (`GET /_mock/keys`). Times are ISO 8601. */
export interface KeyInfo {
  kid: string;
  pool: string;
  use: TokenUse;
  state: KeyState;
  createdAt: string;
  activatesAt: string;
  /** When a successor took over signing (the key started retiring then). */
  supersededAt: string | null;
  /** When the key leaves the JWKS. */
  retiresAt: string | null;
}

/** `GET /_mock/keys` */
export interface KeysResponse {
  keys: KeyInfo[];
}

/** `POST /_mock/keys/rotate`: the keys added, and every key after. */
export interface RotateResponse {
  rotated: KeyInfo[];
  keys: KeyInfo[];
}

/** `POST /_mock/keys/{kid}/retire`: the key retired, and every key after. */
export interface RetireResponse {
  retired: KeyInfo;
  keys: KeyInfo[];
}

/** The server's clock (the body of `GET /_mock/clock` and of `POST /_mock/clock`'s answer). */
export interface ClockState {
  /** The server's current time, ISO 8601. */
  now: string;
  /** The server's current time in epoch seconds, as it appears in `iat`/`exp`. */
  epochSeconds: number;
  /** Seconds added to the base clock; 0 when time has not been shifted. */
  offsetSeconds: number;
  /** True when time is frozen at a fixed instant. */
  fixed: boolean;
}

/**
 * Which key signs a scenario's token:
 * - `active`: the pool's signing key for the token's use (what Cognito does);
 * - `retiring` / `retired`: the newest key of the ring in that state;
 * - `unknown`: a key that was never in any JWKS;
 * - `none`: no signature at all (`alg: none`);
 * - `hs256-public-key`: HMAC-SHA256 keyed with the active key's public PEM.
 */
export type Signer = 'active' | 'retiring' | 'retired' | 'unknown' | 'none' | 'hs256-public-key';

/** A scenario as the control API and the CLI show it (`GET /_mock/scenarios`). */
export interface ScenarioInfo<Code extends string = string> {
  name: string;
  /** A few words for lists and buttons. */
  title: string;
  /** What the token is and why a verifier must decide as it does, for a learner. */
  explanation: string;
  /** What a developer whose verifier reaches another verdict should do. */
  advice: string;
  /** The verdict a correct verifier reaches. */
  expected: Verdict<Code>;
  signer: Signer;
}

/** `GET /_mock/scenarios` */
export interface ScenariosResponse<Code extends string = string> {
  scenarios: Array<ScenarioInfo<Code>>;
}

/** A minted token with what it was minted as. */
export interface MintedToken<Code extends string = string> {
  token: string;
  header: Record<string, unknown>;
  /** The claims as signed; null when the scenario makes the payload unparseable. */
  payload: Record<string, unknown> | null;
  scenario: string;
  expected: Verdict<Code>;
  pool: string;
  client: string;
  user: string;
  tokenUse: TokenUse;
  /** The key that signed it and that key's state, when a ring key signed it. */
  signedWith: { kid: string; state: KeyState } | null;
}

/** `POST /_mock/tokens`: the minted token and its scenario's explanation. */
export interface MintResponse<Code extends string = string> extends MintedToken<Code> {
  explanation: string;
}

/** One row of the verify report: a check of the verifier and how it went. */
export interface CheckRow<Code extends string = string, Check extends string = string> {
  id: Check;
  label: string;
  /** `skipped`: not reached, because the verifier stops at the first failure. */
  status: 'passed' | 'failed' | 'skipped';
  /** What the token carries and what was expected, in a sentence. */
  detail: string;
  /** On the failed row: the verifier's code and message. */
  code?: Code;
  message?: string;
  /**
   * On a row not reached: true when the token's decoded claims would fail this
   * check too (claim checks only: required claims, issuer, times, token use,
   * audience), so fixing the first failure would not be enough.
   */
  wouldAlsoFail?: boolean;
}

/** `POST /_mock/verify`'s answer. */
export interface VerifyReport<Code extends string = string, Check extends string = string> {
  /** The verifier's verdict, as the scenario table writes verdicts, with its message when it rejected. */
  verdict: { accept: true } | { accept: false; code: Code; message: string };
  /** Every check, in the verifier's order. */
  checks: Array<CheckRow<Code, Check>>;
  /** How the verifier was configured, and the time it used. */
  verifier: {
    issuer: string;
    /** Where the verifier fetched the keys, over HTTP. */
    jwksUri: string;
    clientId: string;
    tokenUse: TokenUse;
    algorithms: string[];
    clockToleranceSeconds: number;
    now: string;
  };
  /** The kids of the JWKS the verifier fetched; null when it fetched none or could not read it. */
  jwks: { kids: string[] | null };
  /** With `"cache": "shared"`: where the caching verifier's JWKS came from this time. */
  cache?: JwksCacheReport;
}

/**
 * How the server's caching verifier (one per JWKS URI, kept between requests) came by the keys for one
 * verification: its cached copy, or a fetch. Ages and times are on the server's clock.
 */
export interface JwksCacheReport {
  /** `fetched`: it fetched the JWKS for this verification and took the answer in; `cache`: its copy answered (no request, or one that failed). */
  source: 'cache' | 'fetched';
  /** Why it fetched: it had no copy, its copy was past max-age, or the token's kid was not in its fresh copy. Null from the cache. */
  reason: 'first-use' | 'expired' | 'unknown-kid' | null;
  /** How old its copy was when the verification ended, in seconds (0 just fetched); null when it has none. */
  ageSeconds: number | null;
  /** The freshness that copy's answer granted (`Cache-Control: max-age`); null when it has none. */
  maxAgeSeconds: number | null;
  /** When it fetched that copy (ISO 8601); null when it has none. */
  fetchedAt: string | null;
  /** The kids in its copy; null when it has none. */
  kids: string[] | null;
  /** After a refetch for an unknown kid, further unknown kids wait this long before the next one. */
  cooldownSeconds: number;
  /** Requests it has made since the server started (or since its copies were forgotten). */
  fetches: number;
}

/** An app client in `GET /_mock/pools`, secret included. */
export interface ClientInfo {
  id: string;
  name: string;
  secret: string | null;
  allowedScopes: string[];
  idTokenValiditySeconds: number;
  accessTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  refreshTokenRotation: boolean;
  /** With rotation, how long a replaced refresh token keeps working (Cognito's RetryGracePeriodSeconds). */
  refreshTokenRetryGracePeriodSeconds: number;
  callbackUrls: string[];
  logoutUrls: string[];
}

/** A user in `GET /_mock/pools`, password included (fixture users exist for tests). */
export interface UserInfo {
  username: string;
  sub: string;
  password: string;
  enabled: boolean;
  status: string;
  groups: string[];
  attributes: Record<string, string>;
}

/** A pool in `GET /_mock/pools`, with its URLs. */
export interface PoolInfo {
  id: string;
  region: string;
  issuer: string;
  jwksUri: string;
  discoveryUri: string;
  clients: ClientInfo[];
  users: UserInfo[];
}

/** `GET /_mock/pools` */
export interface PoolsResponse {
  defaultPool: string;
  pools: PoolInfo[];
}

/** An App Services app in `GET /_mock/app-services/apps`. */
export interface AppInfo {
  appId: string;
  name: string;
  baseUrl: string;
  locationUrl: string;
  /** Where its Custom JWT login is (`POST` a token there). */
  loginUrl: string;
  /** Its Custom JWT provider; null when the app has none. */
  provider: {
    id: string;
    disabled: boolean;
    signingAlgorithm: string;
    jwkUri: string | null;
    audience: string[];
    requireAnyAudience: boolean;
    metadataFields: Array<{ name: string; field_name: string; required: boolean }>;
  } | null;
  /** The provider's entry of the app export, as written there. */
  providerConfig: unknown;
}

/** `GET /_mock/app-services/apps` */
export interface AppServicesAppsResponse {
  /** Where App Services users and sessions live. */
  store: { kind: 'mongodb' | 'memory'; description: string };
  apps: AppInfo[];
}

/**
 * One invocation of a pool's trigger function (a Lambda trigger of its LambdaConfig), as
 * `GET /_mock/triggers` lists it: the event sent, what the function returned or the error the
 * caller got, and how long it took on the server's clock.
 */
export interface TriggerInvocationInfo {
  /** Increasing from 1 until `POST /_mock/reset`. */
  id: number;
  /** When it started, epoch milliseconds on the server's clock. */
  at: number;
  pool: string;
  /** Cognito's LambdaConfig member: `PreTokenGeneration`, `PreSignUp`… */
  trigger: string;
  /** The event's `triggerSource`: `TokenGeneration_Authentication`, `PreSignUp_SignUp`… */
  triggerSource: string;
  /** The function's ARN. */
  function: string;
  /** Where it ran: `module` (in-process) or `endpoint` (the Lambda Invoke API); null when it ran nowhere. */
  ranAt: 'module' | 'endpoint' | null;
  /** The event sent. */
  event: unknown;
  /** What the function returned (absent when it did not answer). */
  result?: unknown;
  /** The Cognito exception the caller got, when the invocation failed, and why (`thrown`, `timeout`…). */
  error?: { type: string; message: string; kind: string };
  durationMs: number;
}

/** `GET /_mock/triggers`: oldest first. */
export interface TriggersResponse {
  invocations: TriggerInvocationInfo[];
}
