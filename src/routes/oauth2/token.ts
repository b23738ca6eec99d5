import type { FastifyInstance } from 'fastify';
import { allowsOAuthFlow } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { clientCredentialsScopes } from '../../cognito/oauth-scopes.js';
import { verifyPkce } from '../../cognito/pkce.js';
import type { Services } from '../../services.js';
import { preTokenGeneration } from '../../triggers/pre-token-trigger.js';
import { authenticateClient, type CallingClient } from './client-auth.js';
import { sendOAuthJson } from './error-format.js';
import { issueUserTokens, tokenResponse } from './issue-tokens.js';
import { readForm, type Params } from './params.js';

type Deps = Pick<Services, 'directory' | 'signIns' | 'minter' | 'authorizationCodes' | 'triggers'>;

/**
 * `POST /oauth2/token` (form-encoded only): the authorization_code,
 * refresh_token and client_credentials grants, after client authentication.
 */
export async function tokenRoute(app: FastifyInstance, deps: Deps) {
  app.post('/oauth2/token', async (request, reply) => {
    const form = readForm(request);
    const caller = authenticateClient(request, form, deps.directory);
    switch (form.grant_type) {
      case 'authorization_code':
        return sendOAuthJson(reply, await authorizationCodeGrant(deps, caller, form));
      case 'refresh_token':
        return sendOAuthJson(reply, await refreshTokenGrant(deps, caller, form));
      case 'client_credentials':
        return sendOAuthJson(reply, await clientCredentialsGrant(deps, caller, form));
      case undefined:
        throw new OAuthError('invalid_request', 'grant_type is required');
      default:
        throw new OAuthError('unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
    }
  });
}

async function authorizationCodeGrant({ authorizationCodes, directory, signIns }: Deps, { pool, client }: CallingClient, form: Params) {
  if (!form.code) throw new OAuthError('invalid_request', 'code is required');
  if (!form.redirect_uri) throw new OAuthError('invalid_request', 'redirect_uri is required');
  const grant = authorizationCodes.redeem(form.code);
  if (!grant || grant.clientId !== client.id) throw new OAuthError('invalid_grant', 'Authorization code is unknown, used or expired');
  if (!allowsOAuthFlow(client, 'code')) throw new OAuthError('unauthorized_client', 'The client is not allowed the code flow (AllowedOAuthFlows)');
  // What real Cognito answers for a redirect_uri it does not know (a trailing slash too many, say).
  if (!client.callbackUrls.includes(form.redirect_uri)) throw new OAuthError('unauthorized_client', 'redirect_uri is not a callback URL of this client');
  if (form.redirect_uri !== grant.redirectUri) throw new OAuthError('invalid_grant', "redirect_uri differs from the authorization request's");
  if (grant.codeChallenge !== undefined ? !verifyPkce(form.code_verifier, grant.codeChallenge) : form.code_verifier !== undefined) {
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
  }
  const user = directory.findUser(pool, grant.username);
  if (!user?.enabled) throw new OAuthError('invalid_grant', 'The user no longer exists or is disabled');
  const result = await issueUserTokens(signIns, { pool, client, user, scopes: grant.scopes, nonce: grant.nonce, authTime: grant.authTime, withRefreshToken: true });
  return tokenResponse(result);
}

async function refreshTokenGrant({ signIns }: Deps, { client }: CallingClient, form: Params) {
  if (!form.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is required');
  let signIn;
  try {
    signIn = await signIns.refreshSession(form.refresh_token, client);
  } catch (error) {
    if (error instanceof CognitoError) throw new OAuthError('invalid_grant', error.message);
    throw error;
  }
  const scopes = signIn.scope.split(' ');
  const result = await signIns.issue({
    pool: signIn.pool,
    client,
    user: signIn.user,
    scope: signIn.scope,
    oauth: {},
    // Sign-ins through the JSON API have no openid scope but do get ID tokens.
    withoutIdToken: signIn.oauth && !scopes.includes('openid'),
    // A new refresh token only with refresh token rotation; the one used is then spent after the client's grace period.
    withRefreshToken: client.refreshTokenRotation,
    session: signIn.session,
    source: 'TokenGeneration_RefreshTokens',
  });
  return tokenResponse(result);
}

/**
 * A machine token: `sub` is the client id, custom scopes only, `version: 2`, no user claims. A V3_0 pre token
 * generation function runs first (`TokenGeneration_ClientCredentials`, with `aws_client_metadata` as its clientMetadata).
 */
async function clientCredentialsGrant({ minter, triggers }: Deps, { pool, client, confidential }: CallingClient, form: Params) {
  if (!confidential) throw new OAuthError('unauthorized_client', 'client_credentials needs a client with a secret');
  if (!allowsOAuthFlow(client, 'client_credentials')) throw new OAuthError('unauthorized_client', 'The client is not allowed the client_credentials flow (AllowedOAuthFlows)');
  const scopes = clientCredentialsScopes(form.scope, client, pool);
  const clientMetadata = readClientMetadata(form.aws_client_metadata);
  const overrides = await preTokenGeneration(triggers)({ pool, client, source: 'TokenGeneration_ClientCredentials', scopes, clientMetadata });
  const minted = await minter.mint(
    {
      pool: pool.id,
      client: client.id,
      tokenUse: 'access',
      scope: scopes.join(' '),
      claims: { sub: client.id, version: 2 },
      suppress: ['username', 'cognito:groups', 'origin_jti', 'event_id'],
    },
    overrides,
  );
  return { access_token: minted.token, token_type: 'Bearer', expires_in: client.accessTokenValiditySeconds };
}

/**
 * `aws_client_metadata`: a JSON object of strings (URL-encoded in the form), the clientMetadata of a V3_0
 * pre token generation function (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html).
 */
function readClientMetadata(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new OAuthError('invalid_request', 'aws_client_metadata must be a JSON object of strings');
  }
  return parsed as Record<string, string>;
}
