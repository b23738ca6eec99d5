import type { FastifyRequest } from 'fastify';
import { allowsOAuthFlow } from '../../cognito/client-settings.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { grantScopes } from '../../cognito/oauth-scopes.js';
import { isS256Challenge } from '../../cognito/pkce.js';
import type { Client, Directory, Pool } from '../../directory/directory.js';
import { rawQuery, readQuery, type Params } from './params.js';

/** A valid /oauth2/authorize request (also what /login carries along). */
export interface AuthorizeRequest {
  pool: Pool;
  client: Client;
  responseType: 'code' | 'token';
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  nonce: string | undefined;
  codeChallenge: string | undefined;
  /** The query exactly as received, forwarded between /oauth2/authorize and /login. */
  query: string;
}

/**
 * Until client_id and redirect_uri are known good, errors are a page (a
 * `page`); after that they go back to the client as `?error=…&state=…` (a
 * `redirect`), as Cognito and RFC 6749 §4.1.2.1 do.
 */
export type ParsedAuthorize = { kind: 'ok'; request: AuthorizeRequest } | { kind: 'page'; error: OAuthError } | { kind: 'redirect'; location: string };

export function parseAuthorizeRequest(request: FastifyRequest, directory: Directory): ParsedAuthorize {
  const query = rawQuery(request);
  const all = new URLSearchParams(query);
  const once = (name: string) => (all.getAll(name).length > 1 ? null : (all.get(name) ?? undefined));
  const clientId = once('client_id');
  if (!clientId) return { kind: 'page', error: new OAuthError('invalid_request', 'client_id is required, once') };
  const found = directory.findClient(clientId);
  if (!found) return { kind: 'page', error: new OAuthError('invalid_client', `No app client has id ${clientId}`) };
  const redirectUri = once('redirect_uri');
  if (!redirectUri || !found.client.callbackUrls.includes(redirectUri)) {
    return { kind: 'page', error: new OAuthError('redirect_mismatch', "redirect_uri is not one of the client's callback URLs") };
  }

  const fail = (error: OAuthError, state?: string) => ({ kind: 'redirect', location: redirectWith(redirectUri, { error: error.code, error_description: error.message, state }) }) as const;
  let params: Params;
  try {
    params = readQuery(request);
  } catch (error) {
    return fail(error as OAuthError);
  }
  const { state, response_type: responseType } = params;
  if (!responseType) return fail(new OAuthError('invalid_request', 'response_type is required'), state);
  if (responseType !== 'code' && responseType !== 'token') {
    return fail(new OAuthError('unsupported_response_type', 'response_type must be code or token'), state);
  }
  if (!allowsOAuthFlow(found.client, responseType === 'code' ? 'code' : 'implicit')) {
    return fail(new OAuthError('unauthorized_client', `The client is not allowed the ${responseType === 'code' ? 'code' : 'implicit'} flow (AllowedOAuthFlows)`), state);
  }
  let scopes: string[];
  try {
    scopes = grantScopes(params.scope, found.client, found.pool);
  } catch (error) {
    return fail(error as OAuthError, state);
  }
  const pkce = responseType === 'code' ? checkPkce(params) : undefined;
  if (pkce instanceof OAuthError) return fail(pkce, state);
  return {
    kind: 'ok',
    request: { ...found, responseType, redirectUri, state, scopes, nonce: params.nonce, codeChallenge: pkce, query },
  };
}

/** Cognito takes S256 only (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html): the challenge, undefined without PKCE, or the error. */
function checkPkce(params: Params): string | undefined | OAuthError {
  const { code_challenge: challenge, code_challenge_method: method } = params;
  if (challenge === undefined && method === undefined) return undefined;
  if (method !== 'S256') return new OAuthError('invalid_request', 'code_challenge_method must be S256');
  if (challenge === undefined || !isS256Challenge(challenge)) return new OAuthError('invalid_request', 'code_challenge must be a 43-character base64url S256 challenge');
  return challenge;
}

/** `uri` with `params` added to its query, or with `fragment`, to its fragment (implicit flow). Undefined values are left out. */
export function redirectWith(uri: string, params: Record<string, string | number | undefined>, where: 'query' | 'fragment' = 'query'): string {
  const url = new URL(uri);
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  if (where === 'fragment') {
    url.hash = new URLSearchParams(defined.map(([k, v]): [string, string] => [k, String(v)])).toString();
  } else {
    for (const [k, v] of defined) url.searchParams.append(k, String(v));
  }
  return url.href;
}
