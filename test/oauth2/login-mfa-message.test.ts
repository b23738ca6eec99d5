/**
 * The hosted login's SMS_MFA, EMAIL_OTP and SELECT_MFA_TYPE steps, through the real forms: the code is
 * "sent" as the API sends it (read back from the control API), the choice page leads to the chosen
 * type's step, and only a right code signs in.
 */
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, startCognito } from '../helpers/cognito.js';
import { challengeOf, errorCode, exchange, hiddenFields, hostedBrowser } from '../helpers/hosted-mfa.js';
import { codeNow, setUpTotp } from '../helpers/mfa.js';
import { codesOf } from '../helpers/settings-pool.js';

const snsRole = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms' };

/** The pool's MFA: OPTIONAL, with SMS and authenticator apps (and email when asked). */
async function mfaPool(cognito: CognitoIdentityProviderClient, { email = false } = {}) {
  if (email) {
    await cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId: localPool,
        UserPoolTier: 'ESSENTIALS',
        EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' },
      }),
    );
  }
  await cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: localPool,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: snsRole },
      ...(email ? { EmailMfaConfiguration: {} } : {}),
    }),
  );
}

const latestMfaCode = async (idp: Parameters<typeof codesOf>[0]) => (await codesOf(idp, localPool, alice.username)).filter((c) => c.purpose === 'MFA').at(-1);

t.test('SMS_MFA: the code form says where the code went; a wrong code, then the right one signs in and verifies the phone', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await mfaPool(cognito);
  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: alice.username, SMSMfaSettings: { Enabled: true } }));
  const browser = await hostedBrowser(idp);
  const step = await browser.password(alice.username, alice.password);
  t.equal(step.status, 200);
  t.equal(step.setCookie, '');
  t.equal(challengeOf(step.html), 'SMS_MFA');
  t.match(step.html, /by text message to <strong>\+\*+4045<\/strong>/, 'the masked phone number');
  t.same(hiddenFields(step.html), ['_csrf']);
  const sent = await latestMfaCode(idp);
  t.match(sent, { purpose: 'MFA', attributeName: 'phone_number', code: /^[0-9]{6}$/ }, 'the code, as the API sends it');

  const wrong = await browser.code(sent!.code === '000000' ? '111111' : '000000');
  t.equal(wrong.status, 400);
  t.equal(wrong.setCookie, '');
  t.equal(challengeOf(wrong.html), 'SMS_MFA');
  t.equal(errorCode(wrong.html), 'CodeMismatchException');

  const signedIn = await browser.code(sent!.code);
  t.equal(signedIn.status, 302);
  const code = await browser.authorizationCode(signedIn);
  t.equal((await exchange(idp, code!)).status, 200);
  const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: alice.username }));
  t.equal(UserAttributes!.find((a) => a.Name === 'phone_number_verified')?.Value, 'true', 'the phone number is verified now');
});

t.test('EMAIL_OTP as MFA: the code to the email signs in', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await mfaPool(cognito, { email: true });
  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: alice.username, EmailMfaSettings: { Enabled: true } }));
  const browser = await hostedBrowser(idp);
  const step = await browser.password(alice.username, alice.password);
  t.equal(challengeOf(step.html), 'EMAIL_OTP');
  t.match(step.html, /by email to <strong>a\*+@[^<]+<\/strong>/, 'the masked email');
  const sent = await latestMfaCode(idp);
  t.match(sent, { attributeName: 'email' });
  const signedIn = await browser.code(sent!.code);
  t.equal(signedIn.status, 302);
  t.ok(await browser.authorizationCode(signedIn));
});

t.test('SELECT_MFA_TYPE: a choice of the types the user has on, then that step', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await mfaPool(cognito);
  const secret = await setUpTotp(idp, cognito);
  // Both on, neither preferred: the user chooses.
  await cognito.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: localPool,
      Username: alice.username,
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    }),
  );

  const browser = await hostedBrowser(idp);
  const choice = await browser.password(alice.username, alice.password);
  t.equal(choice.status, 200);
  t.equal(challengeOf(choice.html), 'SELECT_MFA_TYPE');
  const offered = [...choice.html.matchAll(/name="mfaType" value="([^"]+)"/g)].map((m) => m[1]);
  t.same(offered, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
  t.notMatch(choice.html, 'name="code"', 'no code yet');

  const forged = await browser.send({ mfaType: 'EMAIL_OTP' });
  t.equal(forged.status, 400, 'a type not offered');
  t.equal(errorCode(forged.html), 'InvalidParameterException');
  t.equal(challengeOf(forged.html), 'SELECT_MFA_TYPE', 'the choice again');
  const early = await browser.code('123456');
  t.equal(early.setCookie, '', 'a code before choosing signs nobody in');

  const sms = await browser.send({ mfaType: 'SMS_MFA' });
  t.equal(sms.status, 200);
  t.equal(challengeOf(sms.html), 'SMS_MFA', 'the chosen step');
  const sent = await latestMfaCode(idp);
  t.ok(sent, 'a code was sent for it');
  const signedIn = await browser.code(sent!.code);
  t.equal(signedIn.status, 302);
  t.ok(await browser.authorizationCode(signedIn));

  const second = await hostedBrowser(idp);
  await second.password(alice.username, alice.password);
  const app = await second.send({ mfaType: 'SOFTWARE_TOKEN_MFA' });
  t.equal(challengeOf(app.html), 'SOFTWARE_TOKEN_MFA');
  t.equal((await second.code(codeNow(idp, secret))).status, 302);
});

t.test('the choice and the step after it share the 3 minutes of the sign-in', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await mfaPool(cognito);
  await setUpTotp(idp, cognito);
  await cognito.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: localPool,
      Username: alice.username,
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    }),
  );
  const browser = await hostedBrowser(idp);
  await browser.password(alice.username, alice.password);
  idp.baseClock.advanceBy(120_000);
  await browser.send({ mfaType: 'SMS_MFA' });
  const sent = await latestMfaCode(idp);
  idp.baseClock.advanceBy(61_000);
  const late = await browser.code(sent!.code);
  t.equal(late.status, 400);
  t.match(late.html, '<h1>Sign in</h1>');
  t.equal(errorCode(late.html), 'NotAuthorizedException');
});
