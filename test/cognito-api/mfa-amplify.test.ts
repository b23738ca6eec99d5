/**
 * aws-amplify v6 (`aws-amplify/auth`) in Node, pointed at mock-idp by `userPoolEndpoint`: TOTP set up
 * with setUpTOTP, verifyTOTPSetup and updateMFAPreference, then a sign-in that asks for the code
 * (CONFIRM_SIGN_IN_WITH_TOTP_CODE) and confirmSignIn with it.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchMFAPreference, setUpTOTP, signIn, signOut, updateMFAPreference, verifyTOTPSetup } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import t from 'tap';
import { alice, localPool, spa, startCognito } from '../helpers/cognito.js';
import { codeNow, enableTotp } from '../helpers/mfa.js';

// Amplify warns that the endpoint is a custom one: it is meant to be.
ConsoleLogger.LOG_LEVEL = 'ERROR';

t.test('Amplify v6: setUpTOTP, verifyTOTPSetup, updateMFAPreference, then signIn asks for the TOTP code', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  await enableTotp(cognito, 'OPTIONAL');
  Amplify.configure({ Auth: { Cognito: { userPoolId: localPool, userPoolClientId: spa, userPoolEndpoint: idp.url } } });

  t.match(await signIn({ username: alice.username, password: alice.password }), { isSignedIn: true }, 'no MFA yet');
  const totp = await setUpTOTP();
  t.match(totp.sharedSecret, /^[A-Z2-7]{32}$/);
  t.match(totp.getSetupUri('mock-idp').href, /^otpauth:\/\/totp\//);
  await verifyTOTPSetup({ code: codeNow(idp, totp.sharedSecret) });
  await updateMFAPreference({ totp: 'PREFERRED' });
  t.match(await fetchMFAPreference(), { enabled: ['TOTP'], preferred: 'TOTP' });
  await signOut();
  idp.baseClock.advanceBy(30_000);

  const started = await signIn({ username: alice.username, password: alice.password });
  t.match(started, { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
  const done = await confirmSignIn({ challengeResponse: codeNow(idp, totp.sharedSecret) });
  t.match(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  await signOut();
});

t.test('Amplify v6: MFA ON, signIn → CONTINUE_SIGN_IN_WITH_TOTP_SETUP → confirmSignIn with the first code', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  await enableTotp(cognito, 'ON');
  Amplify.configure({ Auth: { Cognito: { userPoolId: localPool, userPoolClientId: spa, userPoolEndpoint: idp.url } } });

  const started = await signIn({ username: alice.username, password: alice.password });
  if (started.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return t.fail(`unexpected step: ${JSON.stringify(started.nextStep)}`);
  const secret = started.nextStep.totpSetupDetails.sharedSecret;
  t.match(secret, /^[A-Z2-7]{32}$/);
  const done = await confirmSignIn({ challengeResponse: codeNow(idp, secret) });
  t.match(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  t.match(await fetchMFAPreference(), { enabled: ['TOTP'], preferred: 'TOTP' });
  await signOut();
});
