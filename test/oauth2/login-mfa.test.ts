/**
 * The hosted login's SOFTWARE_TOKEN_MFA step, through the real forms: after a right password a user
 * with an authenticator app gets a code form (no session, no authorization code), and only a right
 * code signs in. The step lives on the server under the browser's CSRF token: another browser, a
 * forged form or an expired step (3 minutes on the server's clock) goes back to the sign-in form.
 */
import { AdminDisableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, startCognito } from '../helpers/cognito.js';
import { challengeOf, errorCode, exchange, hiddenFields, hostedBrowser } from '../helpers/hosted-mfa.js';
import { codeNow, enableTotp, setUpTotp } from '../helpers/mfa.js';
import { authorizeQuery, postLogin, teamsSpaId } from '../helpers/oauth2.js';

/** A second fixture user, without MFA (fixtures/users.json). */
const bob = { username: 'bob', password: 'Sarong-4121-kooky!' };

/** A server whose pool has optional TOTP MFA, and alice with an authenticator app. */
async function setup(t: Parameters<typeof startCognito>[0]) {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'OPTIONAL');
  const secret = await setUpTotp(idp, cognito);
  return { idp, cognito, secret };
}

t.test('a right password shows the code form; a right code signs in and the code exchanges for tokens', async (t) => {
  const { idp, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  const step = await browser.password(alice.username, alice.password);
  t.equal(step.status, 200);
  t.equal(step.location, null, 'no redirect: the password alone does not sign in');
  t.equal(step.setCookie, '', 'no session cookie yet');
  t.equal(challengeOf(step.html), 'SOFTWARE_TOKEN_MFA');
  t.match(step.html, '<h1>Multi-factor authentication</h1>');
  t.match(step.html, 'your authenticator app (phone)', "the app's name from VerifySoftwareToken");
  t.match(step.html, /<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"/);
  t.same(hiddenFields(step.html), ['_csrf'], 'the form carries the CSRF token only: the pending sign-in stays on the server');
  t.notMatch(step.html, secret, 'the secret is not on the page');

  const signedIn = await browser.code(codeNow(idp, secret));
  t.equal(signedIn.status, 302);
  t.match(signedIn.location, `${idp.url}/oauth2/authorize?`);
  t.match(signedIn.setCookie, /^mock-idp-session_/);
  const code = await browser.authorizationCode(signedIn);
  t.ok(code, 'authorize redirects to the client with a code');
  const tokens = await exchange(idp, code!);
  t.equal(tokens.status, 200);
  const claims = JSON.parse(Buffer.from(tokens.body.id_token!.split('.')[1]!, 'base64url').toString());
  t.equal(claims['cognito:username'], 'alice');

  const again = await browser.code(codeNow(idp, secret));
  t.equal(again.status, 400, 'the step is used up');
  t.equal(errorCode(again.html), 'NotAuthorizedException');
  t.match(again.html, '<h1>Sign in</h1>');
});

t.test('a wrong code: the step again with CodeMismatchException, then a right code still works', async (t) => {
  const { idp, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);
  const right = codeNow(idp, secret);
  for (const wrong of [right === '000000' ? '111111' : '000000', '', 'abcdef', '1234567']) {
    const res = await browser.code(wrong);
    t.equal(res.status, 400, `${JSON.stringify(wrong)}: 400`);
    t.equal(res.setCookie, '', `${JSON.stringify(wrong)}: nobody signed in`);
    t.equal(challengeOf(res.html), 'SOFTWARE_TOKEN_MFA', `${JSON.stringify(wrong)}: the step again`);
    t.equal(errorCode(res.html), 'CodeMismatchException');
    t.match(res.html, 'Invalid code received for user');
  }
  const signedIn = await browser.code(right);
  t.equal(signedIn.status, 302);
  t.ok(await browser.authorizationCode(signedIn));
});

t.test('a code works once: the same code in a second sign-in is CodeMismatchException', async (t) => {
  const { idp, secret } = await setup(t);
  const first = await hostedBrowser(idp);
  await first.password(alice.username, alice.password);
  const code = codeNow(idp, secret);
  t.equal((await first.code(code)).status, 302);
  const second = await hostedBrowser(idp);
  await second.password(alice.username, alice.password);
  const reused = await second.code(code);
  t.equal(reused.status, 400);
  t.equal(errorCode(reused.html), 'CodeMismatchException');
  idp.baseClock.advanceBy(30_000);
  t.equal((await second.code(codeNow(idp, secret))).status, 302, "the next step's code works");
});

t.test('the step expires with the API session (3 minutes on the server clock): the sign-in form says so', async (t) => {
  const { idp, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);
  idp.baseClock.advanceBy(179_000);
  const wrong = await browser.code('000000' === codeNow(idp, secret) ? '111111' : '000000');
  t.equal(challengeOf(wrong.html), 'SOFTWARE_TOKEN_MFA', 'still the step just before 3 minutes');
  idp.baseClock.advanceBy(2_000);
  const late = await browser.code(codeNow(idp, secret));
  t.equal(late.status, 400);
  t.equal(late.setCookie, '', 'nobody signed in');
  t.match(late.html, '<h1>Sign in</h1>', 'back to the sign-in form');
  t.equal(errorCode(late.html), 'NotAuthorizedException');
  t.match(late.html, 'session is expired');
  t.equal((await browser.code(codeNow(idp, secret))).status, 400, 'and it stays gone');

  const retry = await browser.password(alice.username, alice.password);
  t.equal(challengeOf(retry.html), 'SOFTWARE_TOKEN_MFA', 'signing in again starts a new step');
  t.equal((await browser.code(codeNow(idp, secret))).status, 302);
});

t.test('the step belongs to the browser that passed the password: other browsers and forged forms start over', async (t) => {
  const { idp, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);

  const other = await hostedBrowser(idp);
  const cases: Array<[string, Promise<{ status: number; html: string; setCookie: string }>]> = [
    ["another browser's CSRF pair", other.code(codeNow(idp, secret))],
    ['a code with the username and a made-up session', other.send({ code: codeNow(idp, secret), username: 'alice', session: 'x' })],
    ['the right browser on another client', (await hostedBrowser(idp, authorizeQuery(teamsSpaId))).code(codeNow(idp, secret))],
  ];
  for (const [what, answer] of cases) {
    const res = await answer;
    t.equal(res.status, 400, `${what}: 400`);
    t.equal(res.setCookie, '', `${what}: nobody signed in`);
    t.match(res.html, '<h1>Sign in</h1>', `${what}: the sign-in form`);
  }
  const noToken = await browser.send({ code: codeNow(idp, secret) }, {});
  t.equal(noToken.status, 403, 'without the CSRF cookie: refused as any form is');
  t.equal((await browser.code(codeNow(idp, secret))).status, 302, 'the step is intact for its own browser');
});

t.test('a user disabled during the step is not signed in', async (t) => {
  const { idp, cognito, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: localPool, Username: alice.username }));
  const res = await browser.code(codeNow(idp, secret));
  t.equal(res.status, 400);
  t.equal(res.setCookie, '');
  t.match(res.html, '<h1>Sign in</h1>');
});

t.test('without MFA the password signs in at once; the mock "pick a user" shortcut skips MFA as it skips the password', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'OPTIONAL');
  const browser = await hostedBrowser(idp);
  t.equal((await browser.password(alice.username, alice.password)).status, 302, 'OPTIONAL MFA, no app: signed in');

  const { idp: withApp, secret } = await setup(t);
  t.ok(secret);
  const picked = await postLogin((await hostedBrowser(withApp)).loginUrl, { pick: 'alice' });
  t.equal(picked.status, 302);
});

t.test('a wrong password leaves the step alone; a right one (another user, no MFA) ends it', async (t) => {
  const { idp, secret } = await setup(t);
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);
  t.equal((await browser.password('bob', 'not-his-password')).status, 400, 'a wrong password');
  const kept = await browser.code(codeNow(idp, secret) === '000000' ? '111111' : '000000');
  t.equal(challengeOf(kept.html), 'SOFTWARE_TOKEN_MFA', 'the step is still there');

  t.equal((await browser.password(bob.username, bob.password)).status, 302, 'bob (no MFA) signs in');
  const ended = await browser.code(codeNow(idp, secret));
  t.equal(ended.setCookie, '', "alice's step is gone");
  t.match(ended.html, '<h1>Sign in</h1>');
});
