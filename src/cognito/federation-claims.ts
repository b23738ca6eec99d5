import type { Clock } from '../clock.js';
import type { IdentityProvider } from '../directory/pool.js';
import type { PendingFederation } from './federation-sign-ins.js';
import { providerError } from './federation-sign-ins.js';

/** What an ID token from an external provider may be signed with: RSA and ECDSA, as Cognito requires of OIDC IdPs. */
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/**
 * The user's claims from an external OIDC provider, as Cognito gets them at `/oauth2/idpresponse`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html): the code
 * exchanged at the provider's token endpoint (client_secret_post, the one client authentication Cognito
 * uses with OIDC IdPs), its ID token verified (signature by the provider's JWKS, `iss` = `oidc_issuer`,
 * `aud` = `client_id`, expiry on the server's clock, the nonce this sign-in sent), then the provider's
 * userInfo endpoint asked with the access token, by `attributes_request_method` (GET by default). The
 * userInfo answer adds to the ID token's claims; a `sub` that differs from the ID token's is refused.
 * Any failure is an OAuthError with what went wrong.
 */
export async function federatedClaims(
  input: { provider: IdentityProvider; pending: PendingFederation; code: string; idpResponseUrl: string; clock: Clock },
  fetcher: typeof fetch = fetch,
): Promise<Record<string, unknown>> {
  const { provider, pending, clock } = input;
  const { endpoints } = pending;
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.idpResponseUrl, client_id: provider.details.client_id! });
  if (provider.details.client_secret) form.set('client_secret', provider.details.client_secret);
  const tokens = await jsonFrom(fetcher, endpoints.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }, 'token endpoint');
  const idToken = tokens.id_token;
  const accessToken = tokens.access_token;
  if (typeof idToken !== 'string') throw providerError(`The identity provider ${provider.name} answered the code exchange without an id_token.`);

  const { createLocalJWKSet, jwtVerify } = await import('jose');
  const jwks = await jsonFrom(fetcher, endpoints.jwksUri, {}, 'JWKS');
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(idToken, createLocalJWKSet(jwks as unknown as Parameters<typeof createLocalJWKSet>[0]), {
      issuer: provider.details.oidc_issuer!,
      audience: provider.details.client_id!,
      algorithms,
      currentDate: new Date(clock.now()),
    });
    claims = verified.payload;
  } catch (error) {
    throw providerError(`The ID token of the identity provider ${provider.name} is not valid: ${(error as Error).message}`);
  }
  if (claims.nonce !== pending.nonce) throw providerError(`The ID token of the identity provider ${provider.name} does not carry the nonce of this sign-in.`);
  if (typeof claims.sub !== 'string' || !claims.sub) throw providerError(`The ID token of the identity provider ${provider.name} has no sub.`);

  if (typeof accessToken === 'string') {
    const method = provider.details.attributes_request_method === 'POST' ? 'POST' : 'GET';
    const info = await jsonFrom(fetcher, endpoints.attributesUrl, { method, headers: { authorization: `Bearer ${accessToken}` } }, 'userInfo endpoint');
    if (info.sub !== undefined && info.sub !== claims.sub) throw providerError(`The userInfo answer of the identity provider ${provider.name} is for another sub.`);
    claims = { ...claims, ...info };
  }
  return claims;
}

/** A claim as a user attribute holds it: strings as they are, numbers and booleans as text, objects as JSON. */
export function claimText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

async function jsonFrom(fetcher: typeof fetch, url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetcher(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw providerError(`The identity provider's ${what} ${url} could not be reached: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const detail = body && typeof body === 'object' && 'error' in body ? `: ${String(body.error)}` : '';
    throw providerError(`The identity provider's ${what} answered HTTP ${response.status}${detail}.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw providerError(`The identity provider's ${what} did not answer a JSON object.`);
  return body as Record<string, unknown>;
}
