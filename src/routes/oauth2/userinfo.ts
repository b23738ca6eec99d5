import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CognitoError } from '../../cognito/errors.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { userInfoAttributes } from '../../cognito/oauth-scopes.js';
import type { Services } from '../../services.js';
import { sendOAuthError, sendOAuthJson } from './error-format.js';

/** Cognito's wording, from its userInfo endpoint documentation (https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html). */
const badRequest = 'Bad OAuth2 request at UserInfo Endpoint';
const badToken = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

/**
 * `GET|POST /oauth2/userInfo`: the user behind a Bearer access token that has
 * the `openid` scope: `sub`, the attributes its scopes allow (as strings, so
 * `"email_verified": "true"`) and `username`. Errors carry Cognito's
 * `WWW-Authenticate` header (without a scheme, as documented).
 */
export async function userInfoRoute(app: FastifyInstance, { signIns }: Pick<Services, 'signIns'>) {
  const fail = (request: FastifyRequest, reply: FastifyReply, error: OAuthError) => {
    reply.header('www-authenticate', `error="${error.code}", error_description="${error.message}"`);
    return sendOAuthError(request, reply, error);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return fail(request, reply, new OAuthError('invalid_request', badRequest));
    let checked;
    try {
      checked = await signIns.checkAccessToken(match[1]);
    } catch (error) {
      if (error instanceof CognitoError) return fail(request, reply, new OAuthError('invalid_token', badToken));
      throw error;
    }
    const scopes = String(checked.claims.scope ?? '').split(' ');
    if (!scopes.includes('openid')) return fail(request, reply, new OAuthError('invalid_token', 'Access token does not contain openid scope'));
    const { user } = checked;
    return sendOAuthJson(reply, { sub: user.sub, ...userInfoAttributes(user.attributes, scopes), username: user.username });
  };
  app.get('/oauth2/userInfo', handler);
  app.post('/oauth2/userInfo', handler);
}
