import type { IdentityProvider, Pool } from '../directory/pool.js';
import { CognitoError } from './errors.js';
import { OAuthError } from './oauth-errors.js';

/**
 * The ProviderDetails keys of an OIDC provider, as the CreateIdentityProvider API reference lists them
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html):
 * `client_id`, `client_secret`, `attributes_request_method`, `oidc_issuer`, `authorize_scopes`, and the
 * endpoints `authorize_url`, `token_url`, `attributes_url`, `jwks_uri` when they are not discovered at the issuer.
 */
const requiredOidcKeys = ['client_id', 'oidc_issuer', 'authorize_scopes'] as const;
const endpointKeys = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri'] as const;

/**
 * Refuses OIDC ProviderDetails that cannot sign anyone in: a missing `client_id`, `oidc_issuer` or
 * `authorize_scopes`, an `attributes_request_method` other than GET or POST, an issuer or endpoint that is
 * no http(s) URL. InvalidParameterException, before anything changes.
 */
export function checkOidcDetails(type: string, details: Record<string, string>): void {
  if (type !== 'OIDC') return;
  for (const key of requiredOidcKeys) {
    if (!details[key]?.trim()) throw new CognitoError('InvalidParameterException', `ProviderDetails of an OIDC provider must have ${key}.`);
  }
  const method = details.attributes_request_method;
  if (method !== undefined && method !== 'GET' && method !== 'POST') {
    throw new CognitoError('InvalidParameterException', 'attributes_request_method must be GET or POST.');
  }
  for (const key of ['oidc_issuer', ...endpointKeys]) {
    const value = details[key];
    if (value !== undefined && !isHttpUrl(value)) throw new CognitoError('InvalidParameterException', `${key} must be an http or https URL.`);
  }
}

/** The four endpoints a sign-in through an OIDC provider uses. */
export interface OidcEndpoints {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The userInfo endpoint. */
  attributesUrl: string;
  jwksUri: string;
}

/**
 * The endpoints of OIDC providers: those a provider's ProviderDetails name, the others from
 * `<oidc_issuer>/.well-known/openid-configuration`, fetched at the provider's first use and kept while
 * the server runs (a failed fetch is not kept, so the next sign-in tries again). A provider that cannot
 * be reached or described is an OAuthError (`server_error`, shown on a page), never a crash.
 */
export class OidcDiscovery {
  readonly #documents = new Map<string, Promise<Record<string, unknown>>>();
  readonly #fetch: typeof fetch;

  constructor(fetcher: typeof fetch = fetch) {
    this.#fetch = fetcher;
  }

  async endpoints(provider: IdentityProvider): Promise<OidcEndpoints> {
    const d = provider.details;
    const issuer = d.oidc_issuer!.replace(/\/+$/, '');
    const doc = endpointKeys.some((key) => !d[key]) ? await this.#document(issuer) : {};
    const pick = (key: (typeof endpointKeys)[number], member: string): string => {
      const value = d[key] ?? doc[member];
      if (typeof value !== 'string' || !isHttpUrl(value)) {
        throw new OAuthError('server_error', `The identity provider ${provider.name} has no ${key} and its discovery document has no usable ${member}.`, { status: 502 });
      }
      return value;
    };
    return {
      issuer: typeof doc.issuer === 'string' ? doc.issuer : issuer,
      authorizeUrl: pick('authorize_url', 'authorization_endpoint'),
      tokenUrl: pick('token_url', 'token_endpoint'),
      attributesUrl: pick('attributes_url', 'userinfo_endpoint'),
      jwksUri: pick('jwks_uri', 'jwks_uri'),
    };
  }

  #document(issuer: string): Promise<Record<string, unknown>> {
    let pending = this.#documents.get(issuer);
    if (!pending) {
      pending = fetchDiscovery(issuer, this.#fetch);
      this.#documents.set(issuer, pending);
      pending.catch(() => this.#documents.delete(issuer));
    }
    return pending;
  }
}

async function fetchDiscovery(issuer: string, fetcher: typeof fetch): Promise<Record<string, unknown>> {
  const url = `${issuer}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new OAuthError('server_error', `Could not read the identity provider's discovery document ${url}: ${(error as Error).message}`, { status: 502 });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new OAuthError('server_error', `${url} is not a JSON object`, { status: 502 });
  return body as Record<string, unknown>;
}

/**
 * The pool's provider an authorize request names with `identity_provider` (its name) or `idp_identifier`
 * (one of its IdpIdentifiers): `'COGNITO'` for the pool's own login, null when the pool has no such provider,
 * undefined when the request names none.
 */
export function namedProvider(pool: Pool, params: { identity_provider?: string | undefined; idp_identifier?: string | undefined }): IdentityProvider | 'COGNITO' | undefined | null {
  if (params.identity_provider !== undefined) {
    if (params.identity_provider === 'COGNITO') return 'COGNITO';
    return pool.identityProviders.find((p) => p.name === params.identity_provider) ?? null;
  }
  if (params.idp_identifier !== undefined) return pool.identityProviders.find((p) => p.idpIdentifiers.includes(params.idp_identifier!)) ?? null;
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
