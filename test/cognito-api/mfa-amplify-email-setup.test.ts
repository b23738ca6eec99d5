/**
 * aws-amplify v6 (`aws-amplify/auth`) in Node setting up email MFA during sign-in, as its
 * CONTINUE_SIGN_IN_WITH_EMAIL_SETUP step does it: confirmSignIn with an email address (RespondToAuthChallenge
 * MFA_SETUP with `EMAIL`), then CONFIRM_SIGN_IN_WITH_EMAIL_CODE with the code read from the control API.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchMFAPreference, fetchUserAttributes, signIn, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import t from 'tap';
import { localPool, spa, startCognito } from '../helpers/cognito.js';
import { latestCode, sesEmailConfiguration } from '../helpers/message-mfa.js';

// Amplify warns that the endpoint is a custom one: it is meant to be.
ConsoleLogger.LOG_LEVEL = 'ERROR';

const newcomer = { username: 'newcomer', password: 'Chosen-5678-pass!' };

/** MFA required with email MFA (and an authenticator app when `totp`) allowed; a user with no email. */
async function prepare(cognito: CognitoIdentityProviderClient, totp: boolean) {
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: localPool, EmailConfiguration: sesEmailConfiguration }));
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'ON', EmailMfaConfiguration: {}, SoftwareTokenMfaConfiguration: { Enabled: totp } }));
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: newcomer.username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: newcomer.username, Password: newcomer.password, Permanent: true }));
}

t.test('Amplify v6: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION → EMAIL → an address → CONFIRM_SIGN_IN_WITH_EMAIL_CODE → signed in', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  await prepare(cognito, true);
  Amplify.configure({ Auth: { Cognito: { userPoolId: localPool, userPoolClientId: spa, userPoolEndpoint: idp.url } } });

  const started = await signIn(newcomer);
  t.match(started, { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] } });
  t.match(await confirmSignIn({ challengeResponse: 'EMAIL' }), { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } });
  const asked = await confirmSignIn({ challengeResponse: 'newcomer@example.com' });
  t.match(asked, {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'n***@e***' } },
  });
  const sent = await latestCode(idp, 'newcomer');
  t.match(sent, { purpose: 'MFA', destination: 'newcomer@example.com' });

  const done = await confirmSignIn({ challengeResponse: sent!.code });
  t.match(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  t.match(await fetchUserAttributes(), { email: 'newcomer@example.com', email_verified: 'true' });
  t.match(await fetchMFAPreference(), { enabled: ['EMAIL'], preferred: 'EMAIL' });
  await signOut();
});

t.test('Amplify v6: email MFA the only choice → CONTINUE_SIGN_IN_WITH_EMAIL_SETUP; a wrong code first, then the right one', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  await prepare(cognito, false);
  Amplify.configure({ Auth: { Cognito: { userPoolId: localPool, userPoolClientId: spa, userPoolEndpoint: idp.url } } });

  t.match(await signIn(newcomer), { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } });
  t.match(await confirmSignIn({ challengeResponse: 'newcomer@example.com' }), { nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' } });
  const { code } = (await latestCode(idp, 'newcomer'))!;
  await t.rejects(confirmSignIn({ challengeResponse: code === '000000' ? '111111' : '000000' }), { name: 'CodeMismatchException' });
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: newcomer.username }));
  t.notOk(
    user.UserAttributes?.some((a) => a.Name === 'email'),
    'no email before the right code',
  );

  t.match(await confirmSignIn({ challengeResponse: code }), { isSignedIn: true });
  await signOut();
});
