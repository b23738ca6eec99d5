// A browser app on its own origin that uses aws-amplify v6's `aws-amplify/auth` against mock-idp,
// configured as for Cognito but with `userPoolEndpoint`. test/cognito-api/amplify.test.ts bundles it
// with esbuild and drives it in chromium. Plain JavaScript: the project's tsconfig has no DOM types.
//
// The test exposes two functions to the page: `report(step, result)` receives each step's outcome
// (an `{ error: { name, message } }` when the step threw) and `readCode(purpose, attributeName)`
// returns the confirmation code mock-idp "sent" (the test reads it through the control API).
// body[data-done="true"] says the run is over.
import { Amplify } from 'aws-amplify';
import {
  confirmSignUp,
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchAuthSession,
  fetchDevices,
  fetchUserAttributes,
  getCurrentUser,
  sendUserAttributeVerificationCode,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttributes,
} from 'aws-amplify/auth';

const config = JSON.parse(document.getElementById('config').textContent);

Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.userPoolClientId, userPoolEndpoint: config.userPoolEndpoint } } });

/** The tokens of the current session, as strings. */
async function tokens(options) {
  const session = await fetchAuthSession(options);
  return { idToken: session.tokens?.idToken?.toString(), accessToken: session.tokens?.accessToken?.toString(), userSub: session.userSub };
}

/** Runs one step and reports it; a failure is reported too, and stops the run unless it was expected. */
async function step(name, action, { expectFailure = false } = {}) {
  let result;
  try {
    result = await action();
  } catch (error) {
    await window.report(name, { error: { name: error?.name, message: String(error?.message ?? error) } });
    if (expectFailure) return undefined;
    throw error;
  }
  await window.report(name, expectFailure ? { unexpectedSuccess: result ?? null } : (result ?? null));
  if (expectFailure) throw new Error(`${name} succeeded`);
  return result;
}

async function run() {
  const { username, password, newPassword, email, newEmail } = config;

  await step('signUp', () => signUp({ username, password, options: { userAttributes: { email, given_name: 'Amelia' } } }));
  await step('confirmSignUp', async () => confirmSignUp({ username, confirmationCode: await window.readCode('SIGN_UP', null) }));
  await step('signIn', () => signIn({ username, password }));
  await step('getCurrentUser', () => getCurrentUser());
  await step('fetchAuthSession', () => tokens());
  await step('fetchUserAttributes', () => fetchUserAttributes());

  await step('updateUserAttributes', () => updateUserAttributes({ userAttributes: { email: newEmail } }));
  await step('confirmUserAttribute', async () => confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: await window.readCode('VERIFY_ATTRIBUTE', 'email') }));
  await step('sendUserAttributeVerificationCode', () => sendUserAttributeVerificationCode({ userAttributeKey: 'email' }));
  await step('deleteUserAttributes', () => deleteUserAttributes({ userAttributeKeys: ['given_name'] }));
  await step('attributesAfterChanges', () => fetchUserAttributes());
  await step('fetchDevices', () => fetchDevices());

  await step('refresh', () => tokens({ forceRefresh: true }));
  await step('updatePassword', () => updatePassword({ oldPassword: password, newPassword }));
  await step('signOutGlobal', async () => {
    const before = await tokens();
    await signOut({ global: true });
    // The access token Amplify held, for the test to check that mock-idp refuses it now.
    return { accessTokenBefore: before.accessToken };
  });
  await step('signInWithOldPassword', () => signIn({ username, password }), { expectFailure: true });
  await step('signInAgain', () => signIn({ username, password: newPassword }));
  await step('currentUserAgain', () => getCurrentUser());
  await step('deleteUser', () => deleteUser());
  await step('signInAfterDelete', () => signIn({ username, password: newPassword }), { expectFailure: true });
}

run()
  .then(
    () => window.report('done', { ok: true }),
    (error) => window.report('done', { ok: false, message: String(error?.message ?? error) }),
  )
  .finally(() => {
    document.body.dataset.done = 'true';
  });
