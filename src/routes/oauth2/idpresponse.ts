import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { settingsOf } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { federatedClaims } from '../../cognito/federation-claims.js';
import { namedProvider } from '../../cognito/federation-provider.js';
import { FederatedSignIns } from '../../cognito/federation-sign-ins.js';
import { federatedUser } from '../../cognito/federation-users.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Client, Pool } from '../../directory/pool.js';
import type { Services } from '../../services.js';
import { redirectWith, type AuthorizeRequest } from './authorize-request.js';
import { sendHtml } from './error-format.js';
import { issueUserTokens } from './issue-tokens.js';
import { renderErrorPage } from './login-html.js';
import { readQuery } from './params.js';
import { sessionCookieName, setSessionCookie } from './session-cookie.js';

export type FederationDeps = Pick<Services, 'directory' | 'signIns' | 'urls' | 'authorizationCodes' | 'hostedUiSessions' | 'clock' | 'triggers' | 'userDates' | 'state'>;

/** Where external providers send the user back: registered with each provider as its redirect URI. */
export const idpResponsePath = '/oauth2/idpresponse';

/** The OIDC providers of `pool` that `client` may sign in through (SupportedIdentityProviders; a configured client, which has none, any). */
export function clientProviders(pool: Pool, client: Client): string[] {
  const supported = settingsOf(client).SupportedIdentityProviders;
  return pool.identityProviders.filter((p) => p.type === 'OIDC' && (supported === undefined || supported.includes(p.name))).map((p) => p.name);
}

/**
 * `identity_provider` / `idp_identifier` at `/oauth2/authorize`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html): a 302 to the named
 * OIDC provider's authorize endpoint, or the client's redirect_uri with `error=invalid_request` when the pool
 * has no such provider, the client does not support it, or it is not OIDC (mock-idp reaches no social or
 * SAML provider). `identity_provider=COGNITO`, or neither parameter: null, the hosted login as before.
 */
export async function startFederatedSignIn(reply: FastifyReply, auth: AuthorizeRequest, federation: FederatedSignIns, baseUrl: string): Promise<FastifyReply | null> {
  const params = Object.fromEntries(new URLSearchParams(auth.query));
  const named = namedProvider(auth.pool, params);
  if (named === undefined || named === 'COGNITO') return null;
  const fail = (description: string) => reply.redirect(redirectWith(auth.redirectUri, { error: 'invalid_request', error_description: description, state: auth.state }), 302);
  if (named === null) return fail(`The user pool has no identity provider ${params.identity_provider ?? `with the identifier ${params.idp_identifier}`}`);
  const supported = settingsOf(auth.client).SupportedIdentityProviders;
  if (supported !== undefined && !supported.includes(named.name)) return fail(`The app client does not support the identity provider ${named.name} (SupportedIdentityProviders)`);
  if (named.type !== 'OIDC') return fail(`mock-idp signs in through OIDC providers only; the ${named.type} provider ${named.name} cannot be reached offline`);
  const location = await federation.begin(
    {
      poolId: auth.pool.id,
      clientId: auth.client.id,
      responseType: auth.responseType,
      redirectUri: auth.redirectUri,
      state: auth.state,
      scopes: auth.scopes,
      nonce: auth.nonce,
      codeChallenge: auth.codeChallenge,
    },
    named,
    `${baseUrl}${idpResponsePath}`,
  );
  return reply.redirect(location, 302);
}

/**
 * `GET /oauth2/idpresponse?code&state` (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html):
 * the provider's code becomes the user's claims (see federatedClaims), the claims a user pool user (see
 * federatedUser, which runs the triggers), and the app's original authorize request is finished: a hosted-UI
 * session, then an authorization code (or, for `response_type=token`, tokens) at the app's redirect_uri.
 *
 * What goes wrong before the user is known (an unknown or expired state, the provider's `error=…`, a failed
 * code exchange, a bad ID token, an unreachable provider) is an error page, and nothing is created. A trigger
 * that refuses the user ends at the app's redirect_uri with `error=invalid_request` and the function's message
 * as `error_description` (`PreSignUp failed with error …`), as Cognito relays it.
 */
export async function idpResponseRoute(app: FastifyInstance, deps: FederationDeps & { federation: FederatedSignIns }) {
  const { directory, urls, federation } = deps;
  const page = (reply: FastifyReply, error: OAuthError) => sendHtml(reply, renderErrorPage(error), error.statusCode);

  app.get(idpResponsePath, async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const params = readQuery(request);
      const pending = federation.take(params.state);
      if (!pending) return page(reply, new OAuthError('invalid_request', 'This sign-in through an identity provider is unknown or took longer than 5 minutes. Please sign in again.'));
      const { request: held } = pending;
      const found = directory.findClient(held.clientId);
      const provider = found?.pool.identityProviders.find((p) => p.name === pending.providerName);
      if (!found || found.pool.id !== held.poolId || !provider || provider.modifiedAt !== pending.providerModifiedAt) {
        return page(reply, new OAuthError('invalid_request', 'The app client or identity provider of this sign-in changed or was deleted while the user was away.'));
      }
      const { pool, client } = found;
      if (params.error !== undefined) {
        const described = params.error_description ? `: ${params.error_description}` : '';
        return page(reply, new OAuthError('invalid_request', `The identity provider ${provider.name} answered ${params.error}${described}`));
      }
      if (!params.code) return page(reply, new OAuthError('invalid_request', `The identity provider ${provider.name} sent no code`));
      const claims = await federatedClaims({ provider, pending, code: params.code, idpResponseUrl: `${urls.base}${idpResponsePath}`, clock: deps.clock });

      let signedIn;
      try {
        signedIn = await federatedUser({ directory, triggers: deps.triggers, dates: deps.userDates, clock: deps.clock }, { pool, provider, claims, clientId: client.id });
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        request.log.info({ pool: pool.id, provider: provider.name, error: error.type }, 'federated sign-in refused');
        return reply.redirect(redirectWith(held.redirectUri, { error_description: error.message, state: held.state, error: 'invalid_request' }), 302);
      }
      const { user, created } = signedIn;
      await deps.state.save();
      const session = deps.hostedUiSessions.start(pool.id, client.id, user.username);
      setSessionCookie(request, reply, sessionCookieName(pool.id, client.id), session.id);
      request.log.info({ pool: pool.id, client: client.id, username: user.username, provider: provider.name, created }, 'federated sign-in');

      if (held.responseType === 'code') {
        const code = deps.authorizationCodes.issue({
          poolId: pool.id,
          clientId: client.id,
          username: user.username,
          redirectUri: held.redirectUri,
          scopes: held.scopes,
          nonce: held.nonce,
          codeChallenge: held.codeChallenge,
          authTime: session.authTime,
        });
        return reply.redirect(redirectWith(held.redirectUri, { code, state: held.state }), 302);
      }
      let tokens;
      try {
        tokens = await issueUserTokens(deps.signIns, { pool, client, user, scopes: held.scopes, nonce: held.nonce, authTime: session.authTime, withRefreshToken: false });
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        return reply.redirect(redirectWith(held.redirectUri, { error_description: error.message, state: held.state, error: 'invalid_request' }), 302);
      }
      const fragment = { id_token: tokens.IdToken, access_token: tokens.AccessToken, token_type: tokens.TokenType, expires_in: tokens.ExpiresIn, state: held.state };
      return reply.redirect(redirectWith(held.redirectUri, fragment, 'fragment'), 302);
    } catch (error) {
      if (error instanceof OAuthError) return page(reply, error);
      throw error;
    }
  });
}
