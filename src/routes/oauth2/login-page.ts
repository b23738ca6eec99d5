import type { FastifyInstance } from 'fastify';
import { CognitoError } from '../../cognito/errors.js';
import { passwordLogin, pickLogin, setNewPassword } from '../../cognito/hosted-login.js';
import type { UserRecord } from '../../config/types.js';
import { runPostAuthentication, runPreAuthentication } from '../../triggers/authentication.js';
import type { Services } from '../../services.js';
import { parseAuthorizeRequest, type AuthorizeRequest } from './authorize-request.js';
import { sendHtml, sendOAuthError } from './error-format.js';
import { clientProviders } from './idpresponse.js';
import { LoginCsrf } from './login-csrf.js';
import { renderLoginPage, type LoginPage } from './login-html.js';
import { renderMfaPage } from './login-mfa-html.js';
import { HostedMfa, type MfaView } from './login-mfa.js';
import { loginUsers } from './login-users.js';
import { readForm } from './params.js';
import { sessionCookieName, setSessionCookie } from './session-cookie.js';

type Deps = Pick<Services, 'directory' | 'urls' | 'hostedUiSessions' | 'challenges' | 'clock' | 'userDates' | 'confirmationCodes' | 'state' | 'triggers'>;

/**
 * `GET /login` shows the hosted login page for an authorize request (same
 * query); `POST /login` checks the form, starts a hosted-UI session (cookie)
 * and sends the browser back to `/oauth2/authorize`. Sign-in errors re-show
 * the page with Cognito's error type (400). A user in FORCE_CHANGE_PASSWORD
 * is asked for a new password; picking a user from the list skips both the
 * password and the change. Every form carries a CSRF token (see LoginCsrf): a
 * POST without the right one signs nobody in and gets the form again (403).
 * When the API would answer an MFA challenge after the password, the page
 * shows that step instead (see HostedMfa), and only a right code signs in;
 * an expired step gives the sign-in form again. The pool's pre authentication function runs before the
 * password is checked and its post authentication function before the session starts; their failures
 * are shown on the form (UserLambdaValidationException…).
 */
export async function loginPageRoutes(app: FastifyInstance, { directory, urls, hostedUiSessions, challenges, clock, userDates, confirmationCodes, state, triggers }: Deps) {
  const csrf = new LoginCsrf();
  const mfa = new HostedMfa({ directory, challenges, clock, userDates, confirmationCodes, triggers });
  const mfaPage = (auth: AuthorizeRequest, token: string, step: MfaView, error?: { code: string; message: string }): string =>
    renderMfaPage({ poolId: auth.pool.id, clientName: auth.client.name, query: auth.query, csrf: token, step, error });
  const page = (auth: AuthorizeRequest, token: string, extra: Partial<LoginPage> = {}): string =>
    // The user list is bounded and searched with `?q=` (see loginUsers), so the page stays small in a pool of any size.
    renderLoginPage({
      poolId: auth.pool.id,
      clientName: auth.client.name,
      query: auth.query,
      ...loginUsers(directory, auth.pool, new URLSearchParams(auth.query).get('q')),
      providers: clientProviders(auth.pool, auth.client),
      csrf: token,
      ...extra,
    });

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
    // Every way in ends here: the pool's post authentication function runs first, and its failure is shown on the form.
    const signIn = async (user: UserRecord, how: string) => {
      try {
        await runPostAuthentication(triggers, { pool: auth.pool, user, clientId: auth.client.id });
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        return sendHtml(reply, page(auth, token, { error: { code: error.type, message: error.message }, username: user.username }), 400);
      }
      const session = hostedUiSessions.start(auth.pool.id, auth.client.id, user.username);
      setSessionCookie(request, reply, sessionCookieName(auth.pool.id, auth.client.id), session.id);
      request.log.info({ pool: auth.pool.id, client: auth.client.id, username: user.username, how }, 'hosted UI sign-in');
      return reply.redirect(`${urls.base}/oauth2/authorize?${auth.query}`, 302);
    };
    if (form.code !== undefined || form.mfaType !== undefined) {
      // An MFA step's answer: the step itself (whose, which challenge) is on the server, under this CSRF token.
      const outcome = await mfa.answer(token, auth, form, request.log);
      if (outcome.kind === 'start-over') return sendHtml(reply, page(auth, token, { error: { code: outcome.error.type, message: outcome.error.message } }), 400);
      if (outcome.kind === 'step') {
        const { error } = outcome;
        return error ? sendHtml(reply, mfaPage(auth, token, outcome.view, { code: error.type, message: error.message }), 400) : sendHtml(reply, mfaPage(auth, token, outcome.view));
      }
      await state.save();
      return signIn(outcome.user, 'mfa');
    }
    const username = form.username ?? '';
    const password = form.password ?? '';
    let changingPassword = false;
    try {
      if (form.pick !== undefined) {
        const picked = pickLogin(auth.pool, form.pick);
        await runPreAuthentication(triggers, { pool: auth.pool, user: picked, clientId: auth.client.id });
        return await signIn(picked, 'pick');
      }
      // The pre authentication function sees a known user before the password is checked (once: not again with the new password).
      const known = username ? directory.findUser(auth.pool, username) : undefined;
      if (known && form.newPassword === undefined) await runPreAuthentication(triggers, { pool: auth.pool, user: known, clientId: auth.client.id });
      const user = passwordLogin(directory, auth.pool, username, password);
      if (user.status === 'FORCE_CHANGE_PASSWORD') {
        changingPassword = true;
        if (form.newPassword === undefined) return sendHtml(reply, page(auth, token, { newPasswordFor: { username: user.username, password } }));
        setNewPassword(auth.pool, user, form.newPassword, form.confirmPassword ?? '');
      }
      // After the password, what the API would answer next: an MFA step, or the sign-in.
      const step = await mfa.begin(token, auth, user, request.log);
      if (step) return sendHtml(reply, mfaPage(auth, token, step));
      return await signIn(user, 'password');
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      const shown = { code: error.type, message: error.message };
      const retry = changingPassword ? { newPasswordFor: { username, password } } : { username };
      return sendHtml(reply, page(auth, token, { error: shown, ...retry }), 400);
    }
  });
}
