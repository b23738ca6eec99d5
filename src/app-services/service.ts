import type { Clock } from '../clock.js';
import type { PublicUrls } from '../urls.js';
import type { AppConfig, CustomJwtProvider } from './apps.js';
import { CustomJwtValidator } from './custom-jwt.js';
import { AppServicesError } from './errors.js';
import { mapMetadata } from './metadata.js';
import { accessTokenLifetimeSeconds, domainIdOf, SessionTokens, zeroDevice } from './session-tokens.js';
import { newObjectIdHex } from './store/object-ids.js';
import type { AppUser, Store } from './store/types.js';

export interface LoginResult {
  access_token: string;
  refresh_token: string;
  user_id: string;
  device_id: string;
}

export interface ProfileResult {
  user_id: string;
  domain_id: string;
  identities: Array<{ id: string; provider_type: string; provider_id: string }>;
  data: Record<string, unknown>;
  type: string;
}

export interface AppServicesDeps {
  apps: readonly AppConfig[];
  store: Store;
  clock: Clock;
  urls: PublicUrls;
  /** Signs session tokens; keep it stable across restarts so stored sessions stay usable. */
  sessionSecret: string | Promise<string>;
  /** Refresh token (session) lifetime; App Services' default is 60 days. */
  refreshTokenLifetimeSeconds: number;
  /** How JWK URIs are fetched (with `--tls`, one that trusts the local CA). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
}

/**
 * The App Services client API's logic: the custom-token login, profiles and
 * sessions. Routes only translate HTTP to these calls.
 */
export class AppServices {
  readonly #deps: AppServicesDeps;
  readonly #tokens: SessionTokens;
  readonly #validators = new Map<string, CustomJwtValidator>();

  constructor(deps: AppServicesDeps) {
    this.#deps = deps;
    this.#tokens = new SessionTokens(deps.sessionSecret);
  }

  get apps(): readonly AppConfig[] {
    return this.#deps.apps;
  }

  get store(): Store {
    return this.#deps.store;
  }

  app(appId: string): AppConfig {
    const app = this.#deps.apps.find((a) => a.appId === appId);
    if (!app) throw new AppServicesError('AppNotFound', `cannot find app using Client App ID '${appId}'`);
    return app;
  }

  /** The provider's JWK URI as this server fetches it (a path is on this server). */
  jwkUriOf(provider: CustomJwtProvider): string | null {
    if (!provider.jwkUri) return null;
    return provider.jwkUri.startsWith('/') ? `${this.#deps.urls.listenUrl}${provider.jwkUri}` : provider.jwkUri;
  }

  validator(app: AppConfig): CustomJwtValidator {
    const provider = app.provider;
    if (!provider || provider.disabled) {
      throw new AppServicesError('AuthProviderNotFound', `authentication provider 'custom-token' is ${provider ? 'disabled' : 'not configured'} for app '${app.appId}'`);
    }
    let validator = this.#validators.get(app.appId);
    if (!validator) {
      validator = new CustomJwtValidator(app, provider, { now: () => this.#deps.clock.now(), jwkUri: this.jwkUriOf(provider), fetch: this.#deps.fetch });
      this.#validators.set(app.appId, validator);
    }
    return validator;
  }

  location(appId: string) {
    const app = this.app(appId);
    const hostname = this.#deps.urls.base;
    return { deployment_model: app.deploymentModel, location: app.location, hostname, ws_hostname: hostname.replace(/^http/, 'ws') };
  }

  /** `POST …/auth/providers/custom-token/login` with `{token, options?: {device?: {deviceId?: {$oid}}}}`. */
  async login(appId: string, body: unknown): Promise<LoginResult> {
    const app = this.app(appId);
    const validator = this.validator(app);
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    const claims = await validator.validate(token);
    const data = mapMetadata(claims, app.provider!.metadataFields);
    const now = this.#nowSeconds();
    const { user } = await this.#deps.store.upsertUserByIdentity({
      appId,
      identity: { id: String(claims.sub), providerType: 'custom-token', providerId: app.provider!.id },
      data,
      now,
    });
    if (user.disabled) throw new AppServicesError('UserDisabled', 'user disabled');
    const session = {
      id: newObjectIdHex(),
      appId,
      userId: user.id,
      deviceId: deviceIdOf(body),
      createdAt: now,
      expiresAt: now + this.#deps.refreshTokenLifetimeSeconds,
    };
    await this.#deps.store.createSession(session);
    await this.#deleteExpiredSessions(now);
    return {
      access_token: await this.#tokens.access(session, {}, now),
      refresh_token: await this.#tokens.refresh(session, user, now),
      user_id: user.id,
      device_id: session.deviceId,
    };
  }

  /** `GET /auth/profile` with the access token. */
  async profile(authorization: string | undefined): Promise<ProfileResult> {
    const { user } = await this.#sessionOf(authorization, 'access');
    return {
      user_id: user.id,
      domain_id: domainIdOf(user.appId),
      identities: user.identities.map((i) => ({ id: i.id, provider_type: i.providerType, provider_id: i.providerId })),
      data: user.data,
      type: user.type,
    };
  }

  /** `POST /auth/session` with the refresh token: a new access token. */
  async refresh(authorization: string | undefined): Promise<{ access_token: string }> {
    const { session } = await this.#sessionOf(authorization, 'refresh');
    return { access_token: await this.#tokens.access(session, {}, this.#nowSeconds()) };
  }

  /** `DELETE /auth/session` with the refresh token: the session ends (issued access tokens stay valid until they expire). */
  async logout(authorization: string | undefined): Promise<void> {
    const { session } = await this.#sessionOf(authorization, 'refresh');
    await this.#deps.store.deleteSession(session.id);
  }

  async #sessionOf(authorization: string | undefined, typ: 'access' | 'refresh') {
    const now = this.#nowSeconds();
    const { sessionId, userId } = await this.#tokens.sessionIdOf(authorization, typ, now);
    const session = await this.#deps.store.getSession(sessionId);
    // Logging out ends the session but, as in App Services, not the access tokens already issued.
    if (!session && typ === 'refresh') throw new AppServicesError('InvalidSession', 'invalid session: failed to find refresh token');
    const appId = session?.appId ?? (await this.#findUserApp(userId));
    const user = appId ? await this.#deps.store.getUser(appId, userId) : null;
    if (!user) throw new AppServicesError('InvalidSession', 'invalid session: user not found');
    if (user.disabled) throw new AppServicesError('InvalidSession', 'invalid session: user disabled');
    if (session && session.expiresAt <= now) throw new AppServicesError('InvalidSession', 'invalid session: refresh token expired');
    return { session: session ?? { id: sessionId, appId: user.appId, userId, deviceId: zeroDevice, createdAt: now, expiresAt: now }, user };
  }

  /**
   * Sessions are deleted once nothing they issued can be used: the refresh token has expired, and so
   * has every access token, which an expired session still refuses ("refresh token expired"). Their
   * memory (or MongoDB documents) is freed; such tokens are refused exactly as before. A housekeeping
   * failure does not fail the login (on MongoDB the TTL index deletes them anyway).
   */
  async #deleteExpiredSessions(nowSeconds: number): Promise<void> {
    await this.#deps.store.deleteExpiredSessions(nowSeconds - accessTokenLifetimeSeconds - expiryMarginSeconds).catch(() => 0);
  }

  async #findUserApp(userId: string): Promise<string | null> {
    for (const app of this.#deps.apps) if (await this.#deps.store.getUser(app.appId, userId)) return app.appId;
    return null;
  }

  #nowSeconds(): number {
    return Math.floor(this.#deps.clock.now() / 1000);
  }
}

/** How long past the last expiry a session is kept: more than the clock tolerance of any token check. */
const expiryMarginSeconds = 60;

/** The client's device id (`options.device.deviceId.$oid`), echoed; a new one when absent. */
function deviceIdOf(body: unknown): string {
  const oid = (body as { options?: { device?: { deviceId?: { $oid?: unknown } } } })?.options?.device?.deviceId?.$oid;
  return typeof oid === 'string' && /^[0-9a-f]{24}$/.test(oid) ? oid : newObjectIdHex();
}

export type { AppUser };
