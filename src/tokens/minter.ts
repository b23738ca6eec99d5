import { createPublicKey, randomUUID } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { ServerClock } from '../clock.js';
import type { TokenUse } from '../config/types.js';
import type { Directory } from '../directory/directory.js';
import { MockIdpError } from '../errors.js';
import type { KeyFactory, KeyMaterial } from '../keys/key-factory.js';
import type { KeyRing } from '../keys/key-ring.js';
import type { MintedToken as WireMintedToken } from '../page/wire.js';
import type { PublicUrls } from '../urls.js';
import type { VerificationErrorCode } from '../verifier/errors.js';
import { applyClaimRules } from './claim-rules.js';
import { baseClaims, type SignInContext } from './claims.js';
import { RefreshTokenCodec } from './refresh-token.js';
import { findScenario, scenarios, type Draft, type Scenario } from './scenarios.js';
import { checkClaimsDepth } from '../security/json-depth.js';
import { jsonBytes, signCompact, unsignedCompact } from './sign.js';
import { applyTokenOverrides, type TokenOverrides } from './token-overrides.js';

/** What to mint. Every field is optional except where noted; defaults are the default pool, its first client and first user. */
export interface MintRequest {
  pool?: string | undefined;
  /** Client id or name. */
  client?: string | undefined;
  /** Username, email or sub. */
  user?: string | undefined;
  /** Default `id`. */
  tokenUse?: TokenUse | undefined;
  /** A name from the scenario table; default `valid`. */
  scenario?: string | undefined;
  /** Claims to add or override, after the configured claim rules. May set any claim. */
  claims?: Record<string, unknown> | undefined;
  /** Claims to remove, after `claims`. */
  suppress?: string[] | undefined;
  /** Lifetime; default the client's lifetime for this token use. */
  ttlSeconds?: number | undefined;
  /** Access tokens' scope; default `aws.cognito.signin.user.admin` (API sign-in). */
  scope?: string | undefined;
  /** Link to an existing sign-in (same origin_jti, auth_time); default a new sign-in. */
  session?: SignInContext | undefined;
}

/** A minted token with what it was minted as (`POST /_mock/tokens` adds the scenario's explanation). */
export type MintedToken = WireMintedToken<VerificationErrorCode>;

/** A sign-in's tokens, as Cognito's `AuthenticationResult` has them. */
export interface SignInResult {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface TokenMinterDeps {
  clock: ServerClock;
  keyRing: KeyRing;
  directory: Directory;
  urls: PublicUrls;
  factory: KeyFactory;
  /**
   * Resolves once every key change made so far is saved (the keys file's
   * pending writes). A token is handed out only after it, so a crash right
   * after never leaves a served token whose key the restarted server lacks.
   */
  keysSaved?: (() => Promise<void>) | undefined;
}

const wrongClientId = '7notthisclient000000000000';

/**
 * Builds Cognito-shaped tokens: base claims for the user and client, the
 * pool's then the client's claim rules, a pre token generation function's
 * changes, the request's overrides, then a
 * scenario, signed by the key the scenario calls for.
 *
 * @example
 * const { token } = await minter.mint({ user: 'alice', tokenUse: 'access', scenario: 'expired' });
 */
export class TokenMinter {
  readonly #deps: TokenMinterDeps;
  readonly #refresh: RefreshTokenCodec;
  #foreignKey: Promise<KeyMaterial> | undefined;

  constructor(deps: TokenMinterDeps) {
    this.#deps = deps;
    // The refresh tokens' key comes from the key factory, as the pools' keys do (the reservoir's, the tests').
    this.#refresh = new RefreshTokenCodec(async () => (await deps.factory.generate()).privateJwk);
  }

  get refreshTokens(): RefreshTokenCodec {
    return this.#refresh;
  }

  /** `overrides`: a pre token generation function's changes, after the claim rules and before `claims` and `suppress`. */
  async mint(request: MintRequest = {}, overrides?: TokenOverrides): Promise<MintedToken> {
    const { clock, directory, urls } = this.#deps;
    const scenario = resolveScenario(request.scenario);
    const pool = directory.pool(request.pool);
    const client = directory.client(pool, request.client);
    const user = directory.user(pool, request.user);
    const asked = request.tokenUse ?? 'id';
    const use = scenario.mintAs ? scenario.mintAs(asked) : asked;
    const now = clock.nowSeconds();
    const ttlSeconds = request.ttlSeconds ?? (use === 'id' ? client.idTokenValiditySeconds : client.accessTokenValiditySeconds);

    const payload = baseClaims(use, {
      pool,
      client,
      user,
      issuer: urls.issuer(pool.id),
      session: request.session ?? newSession(now),
      jti: randomUUID(),
      issuedAt: now,
      ttlSeconds,
      scope: request.scope ?? 'aws.cognito.signin.user.admin',
    });
    applyClaimRules(payload, use, pool.claimRules);
    applyClaimRules(payload, use, client.claimRules);
    if (overrides) applyTokenOverrides(payload, use, overrides);
    if (request.claims !== undefined) {
      checkClaimsDepth(request.claims, 'claims');
      Object.assign(payload, structuredClone(request.claims));
    }
    for (const claim of request.suppress ?? []) delete payload[claim];

    const signer = await this.#signer(scenario, pool.id, use);
    let draft: Draft = { header: signer.kid ? { kid: signer.kid, alg: signer.alg } : { alg: signer.alg }, payload };
    if (scenario.transform) {
      draft = scenario.transform(draft, {
        now,
        ttlSeconds,
        tokenUse: use,
        wrongIssuer: urls.issuer(`${pool.region}_NotThisPool`, pool.id),
        wrongClientId,
      });
    }
    const bytes = scenario.payloadBytes ? scenario.payloadBytes(draft.payload) : jsonBytes(draft.payload);
    let token = signer.key ? await signCompact(draft.header, bytes, signer.key) : unsignedCompact(draft.header, bytes);
    if (scenario.finish) token = scenario.finish(token);

    const ringKey = signer.kid ? this.#deps.keyRing.find(signer.kid) : undefined;
    // The signing key may be minutes old or a rotation ago: wait until it is on disk before anyone can use the token.
    await this.#deps.keysSaved?.();
    return {
      token,
      header: draft.header,
      payload: scenario.payloadBytes ? null : draft.payload,
      scenario: scenario.name,
      expected: scenario.expected,
      pool: pool.id,
      client: client.id,
      user: user.username,
      tokenUse: use,
      signedWith: ringKey ? { kid: ringKey.material.kid, state: this.#deps.keyRing.stateOf(ringKey) } : null,
    };
  }

  /** An ID token, an access token and a refresh token of one sign-in, sharing `origin_jti`. */
  async signIn(request: Omit<MintRequest, 'tokenUse' | 'session' | 'scenario'> = {}): Promise<SignInResult> {
    const { directory, clock } = this.#deps;
    const pool = directory.pool(request.pool);
    const client = directory.client(pool, request.client);
    const user = directory.user(pool, request.user);
    const session = newSession(clock.nowSeconds());
    const [id, access, refreshToken] = await Promise.all([
      this.mint({ ...request, tokenUse: 'id', session }),
      this.mint({ ...request, tokenUse: 'access', session }),
      this.#refresh.encode({
        pool: pool.id,
        client: client.id,
        username: user.username,
        originJti: session.originJti,
        authTime: session.authTime,
        jti: randomUUID(),
        iat: session.authTime,
        exp: session.authTime + client.refreshTokenValiditySeconds,
      }),
    ]);
    return { idToken: id.token, accessToken: access.token, refreshToken, expiresIn: client.accessTokenValiditySeconds, tokenType: 'Bearer' };
  }

  async #signer(scenario: Scenario, pool: string, use: TokenUse): Promise<{ kid?: string; alg: string; key?: CryptoKey | Uint8Array }> {
    const ring = this.#deps.keyRing;
    switch (scenario.signer) {
      case 'active': {
        const { material } = ring.signingKey(pool, use);
        return { kid: material.kid, alg: 'RS256', key: material.privateKey };
      }
      case 'retiring':
      case 'retired': {
        const entry = ring.newestInState(pool, use, scenario.signer);
        if (!entry) {
          const how =
            scenario.signer === 'retiring'
              ? 'rotate first (POST /_mock/keys/rotate or `mock-idp rotate`): the replaced key is retiring for the overlap'
              : 'retire a key first (POST /_mock/keys/{kid}/retire), or rotate and move the clock past the overlap';
          throw new MockIdpError('SCENARIO_PRECONDITION', `pool ${pool} has no ${scenario.signer} ${use} key yet: ${how}`, {
            scenario: scenario.name,
          });
        }
        return { kid: entry.material.kid, alg: 'RS256', key: entry.material.privateKey };
      }
      case 'unknown': {
        this.#foreignKey ??= this.#deps.factory.generate();
        const material = await this.#foreignKey;
        return { kid: material.kid, alg: 'RS256', key: material.privateKey };
      }
      case 'none':
        return { kid: ring.signingKey(pool, use).material.kid, alg: 'none' };
      case 'hs256-public-key': {
        const { material } = ring.signingKey(pool, use);
        const pem = createPublicKey({ key: material.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        return { kid: material.kid, alg: 'HS256', key: new TextEncoder().encode(String(pem)) };
      }
    }
  }
}

function newSession(now: number): SignInContext {
  return { originJti: randomUUID(), eventId: randomUUID(), authTime: now };
}

function resolveScenario(name: string | undefined): Scenario {
  const scenario = findScenario(name ?? 'valid');
  if (!scenario) {
    throw new MockIdpError('UNKNOWN_SCENARIO', `no scenario "${name}" (scenarios: ${scenarios.map((s) => s.name).join(', ')})`);
  }
  return scenario;
}
