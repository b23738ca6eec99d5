import type { FastifyInstance } from 'fastify';
import { CognitoError } from '../../cognito/errors.js';
import { passwordLogin, pickLogin, setNewPassword } from '../../cognito/hosted-login.js';
import type { Services } from '../../services.js';
import { parseAuthorizeRequest, type AuthorizeRequest } from './authorize-request.js';
import { sendHtml, sendOAuthError } from './error-format.js';
import { LoginCsrf } from './login-csrf.js';
import { renderLoginPage, type LoginPage } from './login-html.js';
import { loginUsers } from './login-users.js';
import { readForm } from './params.js';
import { sessionCookieName, setSessionCookie } from './session-cookie.js';

type Deps = Pick<Services, 'directory' | 'urls' | 'hostedUiSessions'>;

/**
 * `GET /login` shows the hosted login page for an authorize request (same
 * query); `POST /login` checks the form, starts a hosted-UI session (cookie)
 * and sends the browser back to `/oauth2/authorize`. Sign-in errors re-show
 * the page with Cognito's error type (400). A user in FORCE_CHANGE_PASSWORD
 * is asked for a new password; picking a user from the list skips both the
 * password and the change. Every form carries a CSRF token (see LoginCsrf): a
 * POST without the right one signs nobody in and gets the form again (403).
 */
export async function loginPageRoutes(app: FastifyInstance, { directory, urls, hostedUiSessions }: Deps) {
  const csrf = new LoginCsrf();
  const page = (auth: AuthorizeRequest, token: string, extra: Partial<LoginPage> = {}): string =>
    // The user list is bounded and searched with `?q=` (see loginUsers), so the page stays small in a pool of any size.
    renderLoginPage({ poolId: auth.pool.id, clientName: auth.client.name, query: auth.query, ...loginUsers(directory, auth.pool, new URLSearchParams(auth.query).get('q')), csrf: token, ...extra });

  app.get('/login', async (request, reply) => {
    const parsed = parseAuthorizeRequest(request, directory);
    if (parsed.kind === 'page') return sendOAuthError(request, reply, parsed.error);
    if (parsed.kind === 'redirect') return reply.redirect(parsed.location, 302);
    return sendHtml(reply, page(parsed.request, csrf.tokenFor(request, reply)));
  });

  app.post('/login', async (request, reply) => {
    const parsed = parseAuthorizeRequest(request, directory);
    if (parsed.kind === 'page') return sendOAuthError(request, reply, parsed.error);
    if (parsed.kind === 'redirect') return reply.redirect(parsed.location, 302);
    const auth = parsed.request;
    const form = readForm(request);
    if (!csrf.check(request, form._csrf)) {
      // A form from another site, or one shown before a restart or after the cookie went: nobody is signed in.
      request.log.warn({ pool: auth.pool.id, client: auth.client.id }, 'hosted UI sign-in refused: CSRF token missing or wrong');
      const error = { code: 'invalid_request', message: 'This sign-in form has expired or was sent from another site. Please sign in again.' };
      return sendHtml(reply, page(auth, csrf.renew(request, reply), { error }), 403);
    }
    const token = form._csrf!;
    const username = form.username ?? '';
    const password = form.password ?? '';
    let changingPassword = false;
    try {
      let user;
      if (form.pick !== undefined) {
        user = pickLogin(auth.pool, form.pick);
      } else {
        user = passwordLogin(directory, auth.pool, username, password);
        if (user.status === 'FORCE_CHANGE_PASSWORD') {
          changingPassword = true;
          if (form.newPassword === undefined) return sendHtml(reply, page(auth, token, { newPasswordFor: { username: user.username, password } }));
          setNewPassword(auth.pool, user, form.newPassword, form.confirmPassword ?? '');
        }
      }
      const session = hostedUiSessions.start(auth.pool.id, auth.client.id, user.username);
      setSessionCookie(request, reply, sessionCookieName(auth.pool.id, auth.client.id), session.id);
      request.log.info({ pool: auth.pool.id, client: auth.client.id, username: user.username, picked: form.pick !== undefined }, 'hosted UI sign-in');
      return reply.redirect(`${urls.base}/oauth2/authorize?${auth.query}`, 302);
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      const shown = { code: error.type, message: error.message };
      const retry = changingPassword ? { newPasswordFor: { username, password } } : { username };
      return sendHtml(reply, page(auth, token, { error: shown, ...retry }), 400);
    }
  });
}
