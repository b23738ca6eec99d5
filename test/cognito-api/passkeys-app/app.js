// A browser app on http://localhost:<port> that uses aws-amplify v6's passkey calls against mock-idp
// (`userPoolEndpoint`). test/cognito-api/passkeys-browser.test.ts bundles it with esbuild, serves it,
// gives chromium a virtual authenticator through the DevTools protocol and calls the steps below one
// at a time: `window.passkeyApp[step](...args)` resolves to the step's result, or to
// `{ error: { name, message, underlying } }` when the step threw (`underlying`: the name of the error
// under Amplify's, e.g. the browser's NotAllowedError). body[data-ready="true"] says the app is configured.
// Plain JavaScript: the project's tsconfig has no DOM types.
import { Amplify } from 'aws-amplify';
import { associateWebAuthnCredential, confirmSignIn, deleteWebAuthnCredential, fetchAuthSession, getCurrentUser, listWebAuthnCredentials, signIn, signOut } from 'aws-amplify/auth';

const config = JSON.parse(document.getElementById('config').textContent);

Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.userPoolClientId, userPoolEndpoint: config.userPoolEndpoint } } });

const { username, password } = config;

/** The current session's tokens, as strings, and who Amplify thinks is signed in. */
async function session() {
  const { tokens } = await fetchAuthSession();
  const user = await getCurrentUser();
  return { idToken: tokens?.idToken?.toString(), accessToken: tokens?.accessToken?.toString(), username: user.username, signInDetails: user.signInDetails };
}

const steps = {
  /** USER_AUTH answered with the password at once (PREFERRED_CHALLENGE PASSWORD). */
  signInWithPassword: () => signIn({ username, password, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } }),
  /** associateWebAuthnCredential: StartWebAuthnRegistration, navigator.credentials.create, CompleteWebAuthnRegistration. */
  registerPasskey: () => associateWebAuthnCredential(),
  listPasskeys: () => listWebAuthnCredentials(),
  deletePasskey: (credentialId) => deleteWebAuthnCredential({ credentialId }),
  signOut: () => signOut(),
  /** USER_AUTH asking for WEB_AUTHN first: Amplify answers the challenge with navigator.credentials.get itself. */
  signInWithPasskey: () => signIn({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }),
  /** USER_AUTH without a preference: the first factors on offer (SELECT_CHALLENGE). */
  signInChoosing: () => signIn({ username, options: { authFlowType: 'USER_AUTH' } }),
  /** Answers SELECT_CHALLENGE with a choice (WEB_AUTHN: Amplify runs the passkey ceremony). */
  choose: (challengeResponse) => confirmSignIn({ challengeResponse }),
  session,
};

window.passkeyApp = Object.fromEntries(
  Object.entries(steps).map(([name, action]) => [
    name,
    async (...args) => {
      try {
        return (await action(...args)) ?? null;
      } catch (error) {
        return { error: { name: error?.name, message: String(error?.message ?? error), underlying: error?.underlyingError?.name } };
      }
    },
  ]),
);
document.body.dataset.ready = 'true';
