import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import t from 'tap';
import type { TestIdp } from '../helpers/idp.js';
import { alice, localPool, memoryStorage, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { codeNow, enableTotp } from '../helpers/mfa.js';

type Outcome = { session: CognitoUserSession } | { totp: Record<string, string> } | { setup: Record<string, string> } | { error: { name: string; code?: string } };

/** An app's CognitoUser for alice, pointed at mock-idp, with its own storage. */
function aliceOf(idp: TestIdp): CognitoUser {
  const Storage = memoryStorage();
  const pool = new CognitoUserPool({ UserPoolId: localPool, ClientId: spa, endpoint: `${idp.url}/`, Storage });
  return new CognitoUser({ Username: alice.username, Pool: pool, Storage });
}

/** `authenticateUser` (USER_SRP_AUTH) as a promise of what the library called back. */
function signIn(user: CognitoUser): Promise<Outcome> {
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: alice.username, Password: alice.password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: (error) => resolve({ error }),
      totpRequired: (_name, params) => resolve({ totp: params }),
      mfaSetup: (_name, params) => resolve({ setup: params }),
    }),
  );
}

function sendCode(user: CognitoUser, code: string): Promise<Outcome> {
  return new Promise((resolve) => user.sendMFACode(code, { onSuccess: (session) => resolve({ session }), onFailure: (error) => resolve({ error }) }, 'SOFTWARE_TOKEN_MFA'));
}

function associate(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
}

function verify(user: CognitoUser, code: string): Promise<unknown> {
  return new Promise((resolve, reject) => user.verifySoftwareToken(code, 'phone', { onSuccess: resolve, onFailure: reject }));
}

t.test('identity-js: associateSoftwareToken, verifySoftwareToken and setUserMfaPreference, then SRP → totpRequired → sendMFACode', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'OPTIONAL');
  const user = aliceOf(idp);
  const first = await signIn(user);
  if (!('session' in first)) return t.fail(`no session: ${JSON.stringify(first)}`);
  const secret = await associate(user);
  t.match(secret, /^[A-Z2-7]{32}$/);
  t.match(await verify(user, codeNow(idp, secret)), { Status: 'SUCCESS' });
  const preference = await new Promise((resolve, reject) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (err, result) => (err ? reject(err) : resolve(result))));
  t.equal(preference, 'SUCCESS');
  idp.baseClock.advanceBy(30_000);

  const app = aliceOf(idp);
  const challenged = await signIn(app);
  t.match(challenged, { totp: { FRIENDLY_DEVICE_NAME: 'phone' } }, 'totpRequired');
  const wrong = await sendCode(app, codeNow(idp, secret) === '000000' ? '111111' : '000000');
  t.match(wrong, { error: { code: 'CodeMismatchException' } });
  const done = await sendCode(app, codeNow(idp, secret));
  if (!('session' in done)) return t.fail(`no session: ${JSON.stringify(done)}`);
  t.match(await verifyToken(idp, done.session.getAccessToken().getJwtToken(), 'access'), { username: 'alice' });
});

t.test('identity-js: MFA ON → mfaSetup → associateSoftwareToken and verifySoftwareToken with the Session → signed in', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  const user = aliceOf(idp);
  t.match(await signIn(user), { setup: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } }, 'mfaSetup');
  const secret = await associate(user);
  const session = (await verify(user, codeNow(idp, secret))) as CognitoUserSession;
  t.ok(session.isValid(), 'verifySoftwareToken answered MFA_SETUP and signed in');
  t.match(await verifyToken(idp, session.getIdToken().getJwtToken(), 'id'), { 'cognito:username': 'alice' });
});
