/**
 * The shape of a mock-idp configuration. Units are in the names; every field
 * is documented in the README's configuration table and defaulted in
 * `defaults.ts`.
 */

export type IssuerStyle = 'local' | 'cognito';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type TokenUse = 'id' | 'access';

/** Claim changes for one token, as a pre-token-generation trigger (V2) returns them. */
export interface TokenGenerationRules {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
}

/** Access-token changes; adds the scope edits V2 triggers may make. */
export interface AccessTokenGenerationRules extends TokenGenerationRules {
  scopesToAdd?: string[];
  scopesToSuppress?: string[];
}

/**
 * Claim rules modelled on Cognito's pre-token-generation trigger V2
 * `claimsAndScopeOverrideDetails`. Set per pool and per client; the client's
 * rules apply after the pool's.
 */
export interface ClaimRules {
  idTokenGeneration?: TokenGenerationRules;
  accessTokenGeneration?: AccessTokenGenerationRules;
  groupOverrideDetails?: {
    groupsToOverride?: string[];
    iamRolesToOverride?: string[];
    preferredRole?: string | null;
  };
}

export interface ClientConfig {
  /** App client id in Cognito's form (26 chars of [0-9a-v]). */
  id: string;
  /** A short name to select the client by (`--client spa`). */
  name: string;
  /** The client secret, or null for a public client. */
  secret: string | null;
  /** OAuth scopes the client may be granted. */
  allowedScopes: string[];
  idTokenValiditySeconds: number;
  accessTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  /**
   * Cognito's `RefreshTokenRotation` (Feature ENABLED, no grace period): refreshes through
   * GetTokensFromRefreshToken and /oauth2/token return a new refresh token and invalidate the
   * one used; REFRESH_TOKEN_AUTH is refused. Default false.
   */
  refreshTokenRotation?: boolean;
  claimRules?: ClaimRules;
  /** Hosted UI: the `redirect_uri` values `/oauth2/authorize` accepts (Cognito's CallbackURLs). Default none. */
  callbackUrls?: string[];
  /** Hosted UI: the `logout_uri` values `/logout` accepts (Cognito's LogoutURLs). Default none. */
  logoutUrls?: string[];
}

export interface PoolConfig {
  /** Pool id in Cognito's form, `<region>_<name>`, e.g. `us-east-1_LocalPool`. */
  id: string;
  /** Usernames from the users file, or "*" for every user the file puts in this pool. */
  users: string[] | '*';
  clients: ClientConfig[];
  claimRules?: ClaimRules;
}

export interface KeysConfig {
  /** Load keys from this file, or create and save them there; rotations are saved too. */
  file: string | null;
  /** Load the initial keys from this file but never write it (test-only fixtures). */
  seedFile: string | null;
  /** Rotate every pool's keys on this period; null or 0 turns scheduled rotation off. */
  rotateEverySeconds: number | null;
  /** How long a new key is published in the JWKS before it signs. */
  prePublishSeconds: number;
  /** How long a replaced key stays published; null means the longest token lifetime plus the clock tolerance. */
  overlapSeconds: number | null;
  /** `Cache-Control: max-age` on JWKS responses. */
  jwksMaxAgeSeconds: number;
  /** Retired keys remembered per pool and token use (to mint `signed-by-retired-key`). */
  retiredKeysKept: number;
  /**
   * Replaced keys still published (retiring) per pool and token use, at most; a rotation that would
   * keep more retires the oldest early. Bounds the JWKS and the keys file under fast rotation.
   */
  maxRetiringKeys: number;
  /** A retired key leaves the keys file this long after it left the JWKS (and sooner when `retiredKeysKept` pushes it out); null: only then. */
  retiredGraceSeconds: number | null;
}

export type AppServicesStoreMode = 'embedded' | 'mongodb' | 'memory';

export interface AppServicesConfig {
  /** Folder of App Services app exports (one subfolder per app), relative to the config file that names it. */
  appsDir: string;
  /** `embedded` (mongodb-memory-server, falling back to memory), `mongodb` (at mongodbUri) or `memory`. */
  store: AppServicesStoreMode;
  /** A MongoDB connection string; setting it selects the `mongodb` store unless `store` says otherwise. */
  mongodbUri: string | null;
  /** Session (refresh token) lifetime; App Services' default is 60 days. */
  refreshTokenLifetimeSeconds: number;
}

export interface MockIdpConfig {
  host: string;
  port: number;
  /** The origin other programs reach the server at; issuers and every printed URL derive from it. Null: the listen address. */
  publicUrl: string | null;
  /**
   * Host names (or `host:port`) the server answers to besides `localhost`, `127.0.0.1`, `[::1]`,
   * the listen address and the public URL's host, e.g. a docker-compose service name. Any other
   * Host header is refused (403) on the control API, the teaching page and the hosted UI, and on
   * every surface when bound to loopback: a guard against DNS rebinding.
   */
  allowedHosts: string[];
  issuerStyle: IssuerStyle;
  logLevel: LogLevel;
  /**
   * When set, every `/_mock/*` request must carry `Authorization: Bearer <adminToken>`
   * (401 ADMIN_TOKEN_REQUIRED / ADMIN_TOKEN_INVALID otherwise). The emulated
   * services (JWKS, discovery, OAuth2, Cognito JSON API, App Services) stay open,
   * as the real ones are. Null: the control API is open to whoever reaches the port.
   */
  adminToken: string | null;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** A request (headers and body) must arrive within this, else 408 and the connection is closed. */
  requestTimeoutSeconds: number;
  /** A request's headers must arrive within this (at most `requestTimeoutSeconds`), else 408 and the connection is closed. */
  headersTimeoutSeconds: number;
  /** Connections open at once; past it, new connections are closed at once until others close. */
  maxConnections: number;
  clock: {
    /** Freeze the server's time at this instant (ISO 8601 or epoch seconds). */
    fixedTime: string | number | null;
    /** Clock skew verifiers are assumed to allow; part of the default key overlap. */
    toleranceSeconds: number;
  };
  keys: KeysConfig;
  appServices: AppServicesConfig;
  tls: {
    /** Serve HTTPS with a certificate from a local CA (made on first use). */
    enabled: boolean;
    /** Where the CA and server certificate are written and reused (relative to the working directory). */
    dir: string;
  };
  /**
   * Keep pools, clients, users, groups, domains, resource servers, identity providers, sign-ins and
   * keys in this folder, so a restart keeps them (and the tokens and refresh tokens issued before it).
   * Each change is answered once saved. Null: state lives in memory.
   */
  stateDir: string | null;
  /** The users file (JSON), relative to the config file that names it. */
  usersFile: string;
  /** The pool used when a request names none. */
  defaultPool: string;
  pools: PoolConfig[];
}

/** One user as stored in the users file. Attribute values are strings, as Cognito's user APIs give them. */
export interface UserRecord {
  username: string;
  /** The pool the user belongs to. */
  pool: string;
  sub: string;
  /** Plain text: fixture users exist for tests. */
  password: string;
  enabled: boolean;
  /** RESET_REQUIRED: AdminResetUserPassword; sign-in is refused until ConfirmForgotPassword. */
  status: 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';
  attributes: Record<string, string>;
  groups: string[];
}

export interface UsersFile {
  /** How the file was made (`npm run fixtures`, seed). */
  generatedBy?: string;
  users: UserRecord[];
}
