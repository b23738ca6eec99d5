import type { Clock } from '../clock.js';
import type { IdentityProvider } from '../directory/pool.js';
import { ExpiryQueue } from '../runtime/expiry-queue.js';
import { OidcDiscovery, type OidcEndpoints } from './federation-provider.js';
import type { AuthorizeRequest } from '../routes/oauth2/authorize-request.js';
import { OAuthError } from './oauth-errors.js';
import { pooledRandomBytes } from '../runtime/random-bytes.js';

/** The app's authorize request, kept on the server while the user is at the identity provider. */
export interface HeldAuthorizeRequest extends Pick<AuthorizeRequest, 'responseType' | 'redirectUri' | 'state' | 'scopes' | 'nonce' | 'codeChallenge'> {
  poolId: string;
  clientId: string;
}

/** One sign-in under way at an identity provider: where it came from and what to check when it returns. */
export interface PendingFederation {
  request: HeldAuthorizeRequest;
  providerName: string;
  /** The provider's `modifiedAt` when the sign-in started: a provider changed meanwhile ends it. */
  providerModifiedAt: number;
  /** Sent to the provider; its ID token must carry it back. */
  nonce: string;
  endpoints: OidcEndpoints;
  expiresAtMs: number;
}

/**
 * Sign-ins through external OIDC providers between `/oauth2/authorize?identity_provider=…` and
 * `/oauth2/idpresponse`: the app's request stays here, under a random `state` (the only thing the provider
 * sees), for five minutes on the server's clock (the developer guide's OIDC flow page: requests not
 * completed within 5 minutes are cancelled). Each state is used once. In memory.
 */
export class FederatedSignIns {
  static readonly lifetimeSeconds = 300;
  readonly discovery: OidcDiscovery;
  readonly #clock: Clock;
  readonly #pending = new Map<string, PendingFederation>();
  readonly #expiry = new ExpiryQueue<string>();

  constructor({ clock, fetch: fetcher }: { clock: Clock; fetch?: typeof fetch | undefined }) {
    this.#clock = clock;
    this.discovery = new OidcDiscovery(fetcher);
  }

  /**
   * Starts a sign-in at `provider` for `request`: the URL of the provider's authorize endpoint, with
   * `client_id`, `redirect_uri` (this server's `/oauth2/idpresponse`), `scope` (`authorize_scopes`),
   * `response_type=code`, `state` and `nonce`.
   */
  async begin(request: HeldAuthorizeRequest, provider: IdentityProvider, idpResponseUrl: string): Promise<string> {
    const endpoints = await this.discovery.endpoints(provider);
    const now = this.#clock.now();
    for (const expired of this.#expiry.takeExpired(now, 64)) this.#pending.delete(expired);
    const state = pooledRandomBytes(24).toString('base64url');
    const nonce = pooledRandomBytes(24).toString('base64url');
    const expiresAtMs = now + FederatedSignIns.lifetimeSeconds * 1000;
    this.#pending.set(state, { request: structuredClone(request), providerName: provider.name, providerModifiedAt: provider.modifiedAt, nonce, endpoints, expiresAtMs });
    this.#expiry.set(state, expiresAtMs);
    const url = new URL(endpoints.authorizeUrl);
    const params = {
      client_id: provider.details.client_id!,
      redirect_uri: idpResponseUrl,
      response_type: 'code',
      scope: provider.details.authorize_scopes!.replace(/[,\s]+/g, ' ').trim(),
      state,
      nonce,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  /** The sign-in `state` stands for, once; undefined when unknown, used or expired. */
  take(state: string | undefined): PendingFederation | undefined {
    const pending = state === undefined ? undefined : this.#pending.get(state);
    if (!pending) return undefined;
    this.#pending.delete(state!);
    this.#expiry.delete(state!);
    return pending.expiresAtMs > this.#clock.now() ? pending : undefined;
  }
}

/** A provider that answered something unusable: an error page (or the app's redirect), never a 500. */
export function providerError(description: string): OAuthError {
  return new OAuthError('invalid_request', description);
}
