import { decodeJwt } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { ServerClock } from '../clock.js';
import type { UserRecord } from '../config/types.js';
import type { Client, Directory, Pool } from '../directory/directory.js';
import type { KeyRing } from '../keys/key-ring.js';
import { keyRingKeySource } from '../keys/key-ring-key-source.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';
import type { TokenMinter } from '../tokens/minter.js';
import type { SignInContext } from '../tokens/claims.js';
import type { PreTokenGeneration } from '../triggers/pre-token-trigger.js';
import type { TokenGenerationSource } from '../triggers/pre-token-generation.js';
import { createVerifier, VerificationError, type KeySource, type Verifier } from '../verifier/index.js';
import type { PublicUrls } from '../urls.js';
import { CognitoError } from './errors.js';

/** Cognito's `AuthenticationResult`. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  IdToken?: string;
  RefreshToken?: string;
}

export interface IssueOptions {
  pool: Pool;
  client: Client;
  user: UserRecord;
  /** Access token scope; default `aws.cognito.signin.user.admin` (API sign-in). */
  scope?: string;
  /** OAuth (hosted UI) tokens: `version: 2` in the access token, `at_hash` and the `nonce` in the ID token. */
  oauth?: { nonce?: string | undefined };
  /** Leave out the ID token (OAuth without the openid scope). */
  withoutIdToken?: boolean;
  withRefreshToken: boolean;
  /** An existing sign-in (refresh): same origin_jti and auth_time. */
  session?: SignInContext;
  /** The pre token generation event's `triggerSource`; default `TokenGeneration_Authentication` (`_RefreshTokens` with `session`). */
  source?: TokenGenerationSource;
  /** The caller's ClientMetadata, passed to the pre token generation function. */
  clientMetadata?: Record<string, string> | undefined;
  /** The caller's AWS SDK (`callerContext.awsSdkVersion` of trigger events). */
  awsSdkVersion?: string | undefined;
}

export interface SignInsDeps {
  minter: TokenMinter;
  /** Runs the pool's pre token generation function, if it has one: its changes to the tokens. */
  preTokenGeneration?: PreTokenGeneration | undefined;
  directory: Directory;
  clock: ServerClock;
  urls: PublicUrls;
  keyRing: KeyRing;
}

/** The sign-ins a state dir keeps: refresh-token sessions by origin_jti, and global sign-outs by `pool/username`. */
export interface SignInsState {
  sessions: Array<[string, SessionRecord]>;
  signedOutAt: Array<[string, number]>;
}

export interface SessionRecord {
  pool: string;
  client: string;
  username: string;
  context: SignInContext;
  revoked: boolean;
  /** Epoch seconds when the newest refresh token of this sign-in expires. */
  expiresAt: number;
  /** The access token scope granted at sign-in, kept across refreshes. */
  scope: string;
  /** Signed in through the OAuth endpoints (hosted UI): refreshes are OAuth tokens too. */
  oauth: boolean;
  /** The jti of the newest refresh token: with rotation, older ones are refused… */
  refreshJti: string;
  /**
   * …except those replaced less than the client's RetryGracePeriodSeconds ago: `[jti, epoch ms until
   * which it is still accepted]`. Only entries still in their grace period are kept (at most a few).
   */
  replaced?: Array<[string, number]>;
}

/**
 * Sign-ins: issuing a sign-in's tokens, refreshing them, revoking them, global
 * sign-out, and checking access tokens presented to the JSON API. State lives
 * in memory and is forgotten by {@link reset} (POST /_mock/reset).
 *
 * A sign-in is forgotten once nothing it issued can be used any more: its newest
 * refresh token has expired (the client's `refreshTokenValiditySeconds` after it
 * was issued), and so has every access token, whose revocation it may still have
 * to answer for. Forgetting happens a few sign-ins at a time as new ones are
 * issued, by the server's clock, so memory follows the sign-ins alive, not all
 * there ever were.
 */
export class SignIns {
  readonly #deps: SignInsDeps;
  /** By origin_jti. */
  readonly #sessions = new Map<string, SessionRecord>();
  /** origin_jti by when the sign-in can be forgotten (epoch seconds). */
  readonly #expiry = new ExpiryQueue<string>();
  /** origin_jtis per `pool/username`, for GlobalSignOut. */
  readonly #byUser = new Map<string, Set<string>>();
  /** Per pool/username: epoch seconds of the last GlobalSignOut. */
  readonly #signedOutAt = new Map<string, number>();
  /** By pool id, with the issuer each checks (UpdateUserPool's IssuerConfiguration can change a pool's). */
  readonly #verifiers = new Map<string, { issuer: string; verifier: Verifier<KeySource> }>();

  constructor(deps: SignInsDeps) {
    this.#deps = deps;
  }

  /** Sign-ins held: not yet forgotten (see the class). */
  get size(): number {
    return this.#sessions.size;
  }

  /** Every sign-in and sign-out, as plain JSON (a state dir saves it). Forgotten sign-ins are not in it. */
  exportState(): SignInsState {
    return { sessions: [...this.#sessions], signedOutAt: [...this.#signedOutAt] };
  }

  /** Replaces every sign-in and sign-out with saved ones. */
  importState(state: SignInsState): void {
    this.reset();
    // When their access tokens expire is not saved: the longest an access token can live is assumed.
    for (const [jti, record] of state.sessions) this.#hold(jti, record, record.expiresAt + longestAccessTokenSeconds);
    for (const [who, at] of state.signedOutAt) this.#signedOutAt.set(who, at);
  }

  reset(): void {
    this.#sessions.clear();
    this.#expiry.clear();
    this.#byUser.clear();
    this.#signedOutAt.clear();
  }

  /** Forgets every sign-in of a deleted pool (DeleteUserPool). */
  forgetPool(poolId: string): void {
    for (const [jti, record] of this.#sessions) if (record.pool === poolId) this.#forget(jti);
    for (const who of this.#signedOutAt.keys()) if (who.startsWith(`${poolId}/`)) this.#signedOutAt.delete(who);
    this.#verifiers.delete(poolId);
  }

  /**
   * Tokens for a successful sign-in (or, with `session`, a refresh of one). The pool's pre token
   * generation function runs first, once for the sign-in's tokens; when it fails, no token is issued.
   */
  async issue(options: IssueOptions): Promise<AuthenticationResult> {
    const { minter, clock } = this.#deps;
    const { pool, client, user } = options;
    const overrides = await this.#deps.preTokenGeneration?.({
      pool,
      client,
      user,
      source: options.source ?? (options.session ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_Authentication'),
      scopes: (options.scope ?? 'aws.cognito.signin.user.admin').split(' ').filter(Boolean),
      clientMetadata: options.clientMetadata,
      awsSdkVersion: options.awsSdkVersion,
    });
    const now = clock.nowSeconds();
    const session = options.session ?? { originJti: randomUUID(), eventId: randomUUID(), authTime: now };
    const base = { pool: pool.id, client: client.id, user: user.username, session };
    // The three tokens are made at once: WebCrypto signs on libuv's threadpool, so the two signatures run on both cores.
    const access = minter.mint(
      {
        ...base,
        tokenUse: 'access',
        scope: options.scope ?? 'aws.cognito.signin.user.admin',
        ...(options.oauth ? { claims: { version: 2 } } : {}),
      },
      overrides,
    );
    const id = options.withoutIdToken
      ? undefined
      : options.oauth
        ? // OAuth ID tokens carry at_hash, a hash of the access token: that one signature has to come first.
          access.then(({ token }) => minter.mint({ ...base, tokenUse: 'id', claims: { at_hash: atHash(token), ...(options.oauth!.nonce ? { nonce: options.oauth!.nonce } : {}) } }, overrides))
        : minter.mint({ ...base, tokenUse: 'id' }, overrides);
    const record = this.#sessions.get(session.originJti);
    // A rotated refresh token runs out when the one it replaces would have: rotation does not extend a sign-in
    // (as users of Cognito report, e.g. https://github.com/authts/oidc-client-ts/issues/2039).
    const exp = options.session && record ? record.expiresAt : now + client.refreshTokenValiditySeconds;
    const jti = randomUUID();
    const refresh = options.withRefreshToken
      ? minter.refreshTokens.encode({
          pool: pool.id,
          client: client.id,
          username: user.username,
          originJti: session.originJti,
          authTime: session.authTime,
          jti,
          iat: now,
          exp,
        })
      : undefined;
    const [accessToken, idToken, refreshToken] = await Promise.all([access, id, refresh]);
    const result: AuthenticationResult = { AccessToken: accessToken.token, ExpiresIn: client.accessTokenValiditySeconds, TokenType: 'Bearer' };
    if (idToken) result.IdToken = idToken.token;
    if (refreshToken !== undefined) {
      result.RefreshToken = refreshToken;
      if (record) Object.assign(record, { expiresAt: exp, refreshJti: jti, replaced: stillInGrace(record, client, clock.now()) });
      else {
        const scope = options.scope ?? 'aws.cognito.signin.user.admin';
        this.#sweep(now);
        const added: SessionRecord = {
          pool: pool.id,
          client: client.id,
          username: user.username,
          context: session,
          revoked: false,
          expiresAt: exp,
          scope,
          oauth: Boolean(options.oauth),
          refreshJti: jti,
        };
        this.#hold(session.originJti, added, exp);
      }
    }
    // Kept while any refresh token or access token of the sign-in can still be presented (a refresh
    // token issued before a client's lifetime was shortened can outlive the newest; so can an access token).
    const accessExp = now + client.accessTokenValiditySeconds;
    if (record || refreshToken !== undefined) this.#keepUntil(session.originJti, refreshToken === undefined ? accessExp : Math.max(exp, accessExp));
    return result;
  }

  #hold(originJti: string, record: SessionRecord, until: number): void {
    this.#sessions.set(originJti, record);
    const who = userKey(record.pool, record.username);
    let jtis = this.#byUser.get(who);
    if (!jtis) this.#byUser.set(who, (jtis = new Set()));
    jtis.add(originJti);
    this.#keepUntil(originJti, until);
  }

  #keepUntil(originJti: string, until: number): void {
    const held = this.#expiry.expiresAt(originJti);
    if (held === undefined || until > held) this.#expiry.set(originJti, until);
  }

  /** Forgets sign-ins nothing can use any more; a bounded number per new sign-in, more than one so a backlog drains. */
  #sweep(nowSeconds: number): void {
    for (const jti of this.#expiry.takeExpired(nowSeconds - expiryMarginSeconds, 64)) this.#forget(jti);
  }

  #forget(originJti: string): void {
    const record = this.#sessions.get(originJti);
    this.#sessions.delete(originJti);
    this.#expiry.delete(originJti);
    if (!record) return;
    const who = userKey(record.pool, record.username);
    const jtis = this.#byUser.get(who);
    jtis?.delete(originJti);
    if (jtis?.size === 0) this.#byUser.delete(who);
  }

  /**
   * The sign-in a refresh token belongs to, if it may still be used by this client:
   * NotAuthorizedException with Cognito's messages otherwise.
   */
  async refreshSession(refreshToken: unknown, client: Client): Promise<{ pool: Pool; user: UserRecord; session: SignInContext; scope: string; oauth: boolean }> {
    const contents = typeof refreshToken === 'string' ? await this.#deps.minter.refreshTokens.decode(refreshToken) : null;
    if (!contents || contents.client !== client.id) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    const record = this.#sessions.get(contents.originJti);
    if (!record) {
      // A sign-in is forgotten only after its refresh tokens expired: such a token is refused as expired, as before.
      const expired = contents.exp <= this.#deps.clock.nowSeconds();
      throw new CognitoError('NotAuthorizedException', expired ? 'Refresh Token has expired' : 'Invalid Refresh Token');
    }
    // GlobalSignOut marks every sign-in it ends, so a sign-in made in the same second afterwards still works.
    if (record.revoked) {
      throw new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked');
    }
    if (contents.exp <= this.#deps.clock.nowSeconds()) throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired');
    // Rotation: a refresh token replaced by a newer one of the same sign-in is spent once its grace period is over.
    if (client.refreshTokenRotation && contents.jti !== record.refreshJti) {
      const until = record.replaced?.find(([jti]) => jti === contents.jti)?.[1];
      if (until === undefined || this.#deps.clock.now() >= until) {
        throw new CognitoError('RefreshTokenReuseException', 'Refresh token has been rotated and can no longer be used');
      }
    }
    const pool = this.#deps.directory.pool(record.pool);
    const user = this.#deps.directory.findUser(pool, record.username);
    if (!user) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    return { pool, user, session: record.context, scope: record.scope, oauth: record.oauth };
  }

  /** RevokeToken / POST /oauth2/revoke: the sign-in's refresh tokens and its access tokens stop working. Unknown tokens are ignored, as Cognito does. */
  async revoke(refreshToken: string, client: Client): Promise<void> {
    const contents = await this.#deps.minter.refreshTokens.decode(refreshToken);
    if (!contents) return;
    if (contents.client !== client.id) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    const record = this.#sessions.get(contents.originJti);
    if (record) record.revoked = true;
  }

  /** GlobalSignOut: every sign-in of the user so far is revoked. */
  globalSignOut(pool: Pool, username: string): void {
    this.#signedOutAt.set(userKey(pool.id, username), this.#deps.clock.nowSeconds());
    for (const jti of this.#byUser.get(userKey(pool.id, username)) ?? []) this.#sessions.get(jti)!.revoked = true;
  }

  /**
   * Checks an access token presented to the JSON API (GetUser, GlobalSignOut…):
   * signature and claims through mock-idp/verifier against this server's own
   * JWKS, then revocation. NotAuthorizedException with Cognito's messages.
   */
  async checkAccessToken(token: unknown): Promise<{ pool: Pool; user: UserRecord; claims: Record<string, unknown> }> {
    if (typeof token !== 'string') throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    const iss = issuerOf(token);
    const pool = this.#deps.directory.pools().find((p) => this.#deps.urls.issuer(p.id) === iss);
    if (!pool) throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    let claims: Record<string, unknown>;
    try {
      claims = await this.#verifier(pool).verify(token);
    } catch (error) {
      if (error instanceof VerificationError && error.code === 'EXPIRED') throw new CognitoError('NotAuthorizedException', 'Access Token has expired');
      throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    }
    const user = this.#deps.directory.findUser(pool, String(claims.username));
    if (!user) throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    const record = this.#sessions.get(String(claims.origin_jti));
    if (record ? record.revoked : this.#signedOutSince(pool.id, user.username, Number(claims.iat))) {
      throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    }
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    return { pool, user, claims };
  }

  #signedOutSince(pool: string, username: string, iat: number): boolean {
    const at = this.#signedOutAt.get(`${pool}/${username}`);
    return at !== undefined && iat <= at;
  }

  #verifier(pool: Pool): Verifier<KeySource> {
    const issuer = this.#deps.urls.issuer(pool.id);
    let verifier = this.#verifiers.get(pool.id);
    if (verifier?.issuer !== issuer) {
      verifier = {
        issuer,
        verifier: createVerifier({
          issuer,
          clientId: null,
          tokenUse: 'access',
          now: () => this.#deps.clock.now(),
          // Its own keys, straight from the key ring: no HTTP, so injected JWKS faults do not reach Cognito's own checks.
          keySource: keyRingKeySource(this.#deps.keyRing, pool.id, this.#deps.urls.jwksUri(pool.id)),
        }),
      };
      this.#verifiers.set(pool.id, verifier);
    }
    return verifier.verifier;
  }
}

/** How long past its last expiry a sign-in is kept: more than the clock tolerance of the access-token check (5 s). */
const expiryMarginSeconds = 60;

/** The longest access token Cognito issues (AccessTokenValidity at most 1 day). */
const longestAccessTokenSeconds = 86_400;

/**
 * The replaced refresh tokens of a sign-in still accepted after one more rotation: those whose grace period
 * is not over, and the newest so far for the client's RetryGracePeriodSeconds from now. A retry within the
 * grace period with the older token works as the first try did (new tokens, a new refresh token), which is
 * what the API reference's RefreshTokenRotationType says it is for ("This allows for client-side retries").
 */
function stillInGrace(record: SessionRecord, client: Client, nowMs: number): Array<[string, number]> {
  const kept = (record.replaced ?? []).filter(([, until]) => until > nowMs);
  const graceMs = (client.refreshTokenRetryGracePeriodSeconds ?? 0) * 1000;
  if (graceMs > 0 && !kept.some(([jti]) => jti === record.refreshJti)) kept.push([record.refreshJti, nowMs + graceMs]);
  return kept;
}

function userKey(pool: string, username: string): string {
  return `${pool}/${username}`;
}

/** OIDC `at_hash`: base64url of the left half of SHA-256 of the access token. */
export function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

function issuerOf(token: string): unknown {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}
