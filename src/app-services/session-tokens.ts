import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppServicesError } from './errors.js';
import type { AppUser, Session } from './store/types.js';

/** App Services access tokens always last 30 minutes (https://www.mongodb.com/docs/atlas/app-services/authentication/custom-jwt/). */
export const accessTokenLifetimeSeconds = 1800;
const zeroDevice = '000000000000000000000000';

/** The app's "domain" id, stable per app: `baas_domain_id` in its tokens and `domain_id` in profiles. */
export function domainIdOf(appId: string): string {
  return createHash('sha256').update(`${appId}/domain`).digest('hex').slice(0, 24);
}

/**
 * App Services' own session tokens: HS256 JWTs with the real claim set, so
 * realm-web (which decodes them without checking) and realm-core (which reads
 * `exp`/`iat` of both) are content. The access token's `iss` and the refresh
 * token's `baas_id` are the session id.
 */
export class SessionTokens {
  readonly #secret: Promise<Uint8Array>;

  /** `secret` may still be on its way (it lives in the store, which opens beside start-up). */
  constructor(secret: string | Promise<string>) {
    this.#secret = Promise.resolve(secret).then((text) => new TextEncoder().encode(text));
    this.#secret.catch(() => {});
  }

  async access(session: Session, customUserData: Record<string, unknown>, nowSeconds: number): Promise<string> {
    const domain = domainIdOf(session.appId);
    const device = session.deviceId;
    return new SignJWT({
      baas_device_id: device,
      baas_domain_id: domain,
      stitch_devId: device,
      stitch_domainId: domain,
      typ: 'access',
      // Custom user data, as canonical EJSON (realm-web hands it to the app undecoded).
      user_data: await canonicalEjson(customUserData),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.userId)
      .setIssuer(session.id)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + accessTokenLifetimeSeconds)
      .sign(await this.#secret);
  }

  async refresh(session: Session, user: AppUser, nowSeconds: number): Promise<string> {
    const domain = domainIdOf(session.appId);
    const identity = user.identities[0];
    const ident = identity ? { id: identity.id, provider_type: identity.providerType, provider_id: identity.providerId } : null;
    return new SignJWT({
      baas_data: null,
      baas_device_id: session.deviceId,
      baas_domain_id: domain,
      baas_id: session.id,
      baas_identity: ident,
      stitch_data: null,
      stitch_devId: session.deviceId,
      stitch_domainId: domain,
      stitch_id: session.id,
      stitch_ident: ident,
      typ: 'refresh',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.userId)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(session.expiresAt)
      .sign(await this.#secret);
  }

  /** The session id a bearer token names, after checking its signature, type and expiry. */
  async sessionIdOf(authorization: string | undefined, typ: 'access' | 'refresh', nowSeconds: number): Promise<{ sessionId: string; userId: string }> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AppServicesError('InvalidSession', 'invalid session: must authenticate with a bearer token');
    try {
      const { payload } = await jwtVerify(match[1]!, await this.#secret, { algorithms: ['HS256'], currentDate: new Date(nowSeconds * 1000) });
      const sessionId = typ === 'access' ? payload.iss : payload.baas_id;
      if (payload.typ !== typ || typeof sessionId !== 'string' || typeof payload.sub !== 'string') {
        throw new AppServicesError('InvalidSession', `invalid session: expected a ${typ} token`);
      }
      return { sessionId, userId: payload.sub };
    } catch (error) {
      if (error instanceof AppServicesError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new AppServicesError('InvalidSession', `invalid session: ${typ} token expired`);
      throw new AppServicesError('InvalidSession', typ === 'refresh' ? 'invalid session: failed to find refresh token' : 'invalid session: invalid access token');
    }
  }
}

export { zeroDevice };

/** Canonical EJSON of custom user data. The driver's serializer loads only when there is data to convert: `{}` is its own EJSON. */
async function canonicalEjson(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (Object.keys(data).length === 0) return {};
  const { BSON } = await import('mongodb');
  return BSON.EJSON.serialize(data, { relaxed: false });
}
