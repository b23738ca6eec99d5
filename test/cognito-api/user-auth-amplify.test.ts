/**
 * aws-amplify v6 (`aws-amplify/auth`) in Node, pointed at mock-idp by `userPoolEndpoint`: choice-based
 * sign-in (USER_AUTH) with EMAIL_OTP, the code read from the control API.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import t from 'tap';
import { startCognito } from '../helpers/cognito.js';
import { dora, signInCode, userAuthPool } from '../helpers/user-auth.js';

// Amplify warns that the endpoint is a custom one: it is meant to be.
ConsoleLogger.LOG_LEVEL = 'ERROR';

t.test('Amplify v6: signIn with USER_AUTH and preferredChallenge EMAIL_OTP, then confirmSignIn with the emailed code', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  const { pool, client } = await userAuthPool(cognito);
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: idp.url } } });

  const started = await signIn({ username: dora.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
  t.match(started, { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'd***@e***' } } });
  const code = await signInCode(idp, pool);
  t.match(code, /^\d{8}$/);
  const done = await confirmSignIn({ challengeResponse: code! });
  t.match(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  t.match(await getCurrentUser(), { username: dora.username });
  await signOut();
});

t.test('Amplify v6: signIn with USER_AUTH and no preference offers the choices; confirmSignIn picks EMAIL_OTP', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  const { pool, client } = await userAuthPool(cognito);
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: idp.url } } });

  const started = await signIn({ username: dora.username, options: { authFlowType: 'USER_AUTH' } });
  t.match(started, { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] } });
  const asked = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
  t.match(asked, { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' } });
  const done = await confirmSignIn({ challengeResponse: (await signInCode(idp, pool))! });
  t.match(done, { isSignedIn: true });
  await signOut();
});
