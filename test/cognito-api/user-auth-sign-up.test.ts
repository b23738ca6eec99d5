import { ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { autoSignIn, confirmSignUp, signOut, signUp } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import t from 'tap';
import { sdkError, startCognito, verifyToken } from '../helpers/cognito.js';
import { call, type TestIdp } from '../helpers/idp.js';
import { userAuthPool } from '../helpers/user-auth.js';

// Amplify warns that the endpoint is a custom one: it is meant to be.
ConsoleLogger.LOG_LEVEL = 'ERROR';

const password = 'Joining-2031-now!';

/**
 * Runs `run` with setTimeout's timers unref'd: Amplify's signUp with autoSignIn starts a 3-minute timer
 * (its autoSignIn window) that nothing clears, which would keep this test process alive.
 */
async function unrefTimers<T>(run: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof original>) => original(...args).unref()) as typeof original;
  try {
    return await run();
  } finally {
    globalThis.setTimeout = original;
  }
}

async function signUpCode(idp: Pick<TestIdp, 'url'>, pool: string, username: string): Promise<string> {
  const codes = (await call(idp, 'GET', `/_mock/pools/${pool}/users/${username}/codes`)).body.codes as Array<{ purpose: string; code: string }>;
  return codes.find((c) => c.purpose === 'SIGN_UP')!.code;
}

async function signedUp(idp: TestIdp, cognito: CognitoIdentityProviderClient, pool: string, ClientId: string, Username: string) {
  await cognito.send(new SignUpCommand({ ClientId, Username, Password: password, UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }] }));
  return cognito.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode: await signUpCode(idp, pool, Username) }));
}

t.test("ConfirmSignUp's Session signs the user in with USER_AUTH once, within 3 minutes", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const withSession = (USERNAME: string, Session: string | undefined) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME }, Session }));

  const { Session } = await signedUp(idp, cognito, pool, client, 'eve');
  t.ok(Session, 'ConfirmSignUp returns a Session');
  t.match(await sdkError(withSession('dora', Session)), { name: 'NotAuthorizedException' }, 'for its own user only');
  const done = await withSession('eve', Session);
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access', client, pool), { username: 'eve' });
  t.match(await sdkError(withSession('eve', Session)), { name: 'NotAuthorizedException' }, 'once');

  const late = await signedUp(idp, cognito, pool, client, 'fred');
  idp.baseClock.advanceBy(181_000);
  t.match(await sdkError(withSession('fred', late.Session)), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
});

t.test('Amplify v6: signUp with autoSignIn, confirmSignUp, then autoSignIn', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { issuerStyle: 'cognito' } });
  const { pool, client } = await userAuthPool(cognito);
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: idp.url } } });

  const started = await unrefTimers(() => signUp({ username: 'gail', password, options: { userAttributes: { email: 'gail@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } } }));
  t.match(started, { isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP' } });
  const confirmed = await confirmSignUp({ username: 'gail', confirmationCode: await signUpCode(idp, pool, 'gail') });
  t.match(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });
  t.match(await autoSignIn(), { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  await signOut();
});
