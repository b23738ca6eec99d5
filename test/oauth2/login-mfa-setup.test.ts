/**
 * The hosted login's MFA_SETUP step, through the real forms: in a pool with MFA ON (authenticator
 * apps), a user with no MFA gets a setup page after the password (the secret and its otpauth:// URI),
 * and a right code from it makes the app the user's MFA (enabled, preferred) and signs in; the next
 * sign-in asks for a code.
 */
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, startCognito } from '../helpers/cognito.js';
import { challengeOf, errorCode, exchange, hiddenFields, hostedBrowser, mfaOf } from '../helpers/hosted-mfa.js';
import { codeNow, enableTotp } from '../helpers/mfa.js';
import { strongPassword } from '../helpers/settings-pool.js';

const secretOn = (html: string) => /<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(html)?.[1];
const uriOn = (html: string) => /<code id="totp-uri"[^>]*>([^<]+)<\/code>/.exec(html)?.[1]?.replace(/&#38;/g, '&');

t.test('MFA ON, no app: the setup page, a right code, signed in with the app on; the next sign-in asks for a code', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  const browser = await hostedBrowser(idp);
  const setup = await browser.password(alice.username, alice.password);
  t.equal(setup.status, 200);
  t.equal(setup.setCookie, '', 'not signed in yet');
  t.equal(challengeOf(setup.html), 'MFA_SETUP');
  t.match(setup.html, '<h1>Set up multi-factor authentication</h1>');
  t.same(hiddenFields(setup.html), ['_csrf'], 'the secret is shown, never sent back by the form');
  const secret = secretOn(setup.html)!;
  t.match(secret, /^[A-Z2-7]{32}$/);
  const uri = new URL(uriOn(setup.html)!);
  t.equal(uri.protocol, 'otpauth:');
  t.equal(uri.host, 'totp');
  t.equal(decodeURIComponent(uri.pathname), '/LocalPool:alice', 'the pool as issuer, the username as account');
  t.match(Object.fromEntries(uri.searchParams), { secret, issuer: 'LocalPool', algorithm: 'SHA1', digits: '6', period: '30' });
  t.match(await mfaOf(idp, localPool, alice.username), { pendingTotpSecret: secret, totpEnabled: false }, 'pending until a code proves it');

  const wrong = await browser.code(codeNow(idp, secret) === '000000' ? '111111' : '000000');
  t.equal(wrong.status, 400);
  t.equal(wrong.setCookie, '');
  t.equal(challengeOf(wrong.html), 'MFA_SETUP', 'the setup step again');
  t.equal(errorCode(wrong.html), 'EnableSoftwareTokenMFAException');
  t.equal(secretOn(wrong.html), secret, 'with the same secret');
  t.match(await mfaOf(idp, localPool, alice.username), { totpEnabled: false, totpSecret: null });

  const signedIn = await browser.code(codeNow(idp, secret));
  t.equal(signedIn.status, 302);
  const code = await browser.authorizationCode(signedIn);
  t.ok(code);
  t.equal((await exchange(idp, code!)).status, 200, 'the code exchanges for tokens');
  t.match(await mfaOf(idp, localPool, alice.username), { totpEnabled: true, totpPreferred: true, totpSecret: secret, pendingTotpSecret: null });

  idp.baseClock.advanceBy(30_000);
  const next = await hostedBrowser(idp);
  const step = await next.password(alice.username, alice.password);
  t.equal(challengeOf(step.html), 'SOFTWARE_TOKEN_MFA', 'the next sign-in asks for a code');
  t.equal((await next.code(codeNow(idp, secret))).status, 302);
});

t.test('an expired setup step: back to the sign-in form, nothing turned on', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  const browser = await hostedBrowser(idp);
  const secret = secretOn((await browser.password(alice.username, alice.password)).html)!;
  idp.baseClock.advanceBy(181_000);
  const late = await browser.code(codeNow(idp, secret));
  t.equal(late.status, 400);
  t.equal(late.setCookie, '');
  t.match(late.html, '<h1>Sign in</h1>');
  t.equal(errorCode(late.html), 'NotAuthorizedException');
  t.match(late.html, 'session is expired');
  t.match(await mfaOf(idp, localPool, alice.username), { totpEnabled: false, totpSecret: null });
});

t.test('a temporary password: the new password first, then the MFA setup, then signed in', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'newcomer', TemporaryPassword: 'Temporary-Pass-2030!', MessageAction: 'SUPPRESS' }));
  const browser = await hostedBrowser(idp);
  const change = await browser.password('newcomer', 'Temporary-Pass-2030!');
  t.match(change.html, '<h1>Change password</h1>');
  const setup = await browser.send({ username: 'newcomer', password: 'Temporary-Pass-2030!', newPassword: strongPassword, confirmPassword: strongPassword });
  t.equal(setup.status, 200);
  t.equal(setup.setCookie, '', 'not signed in by the new password alone');
  t.equal(challengeOf(setup.html), 'MFA_SETUP');
  const signedIn = await browser.code(codeNow(idp, secretOn(setup.html)!));
  t.equal(signedIn.status, 302);
  t.ok(await browser.authorizationCode(signedIn));
});
