import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import t from 'tap';
import type { TestIdp } from '../helpers/idp.js';
import { alice, localPool, memoryStorage, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { enableEmailMfa, enableSmsMfa, latestCode, setUserMfa, wrongCode } from '../helpers/message-mfa.js';

type Params = Record<string, string>;
type Outcome = { session: CognitoUserSession } | { mfa: Params } | { select: Params } | { totp: Params } | { error: { name: string; code?: string } };

/** An app's CognitoUser for alice, pointed at mock-idp, with its own storage. */
function aliceOf(idp: TestIdp): CognitoUser {
  const Storage = memoryStorage();
  const pool = new CognitoUserPool({ UserPoolId: localPool, ClientId: spa, endpoint: `${idp.url}/`, Storage });
  return new CognitoUser({ Username: alice.username, Pool: pool, Storage });
}

const handlers = (resolve: (outcome: Outcome) => void) => ({
  onSuccess: (session: CognitoUserSession) => resolve({ session }),
  onFailure: (error: { name: string; code?: string }) => resolve({ error }),
  mfaRequired: (_name: unknown, params: Params) => resolve({ mfa: params }),
  selectMFAType: (_name: unknown, params: Params) => resolve({ select: params }),
  totpRequired: (_name: unknown, params: Params) => resolve({ totp: params }),
});

/** `authenticateUser` (USER_SRP_AUTH) as a promise of what the library called back. */
function signIn(user: CognitoUser): Promise<Outcome> {
  return new Promise((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: alice.username, Password: alice.password }), handlers(resolve)));
}

function sendCode(user: CognitoUser, code: string): Promise<Outcome> {
  return new Promise((resolve) => user.sendMFACode(code, handlers(resolve)));
}

function choose(user: CognitoUser, type: string): Promise<Outcome> {
  return new Promise((resolve) => user.sendMFASelectionAnswer(type, handlers(resolve)));
}

t.test('identity-js: SRP → mfaRequired (SMS_MFA) → sendMFACode with the texted code', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito);
  await setUserMfa(cognito, 'alice', { sms: true }, 'sms');
  const app = aliceOf(idp);
  t.match(await signIn(app), { mfa: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******4045' } }, 'mfaRequired');
  const code = (await latestCode(idp))!.code;
  t.match(await sendCode(app, wrongCode(code)), { error: { code: 'CodeMismatchException' } });
  const done = await sendCode(app, code);
  if (!('session' in done)) return t.fail(`no session: ${JSON.stringify(done)}`);
  t.match(await verifyToken(idp, done.session.getAccessToken().getJwtToken(), 'access'), { username: 'alice' });
});

t.test('identity-js: SRP → selectMFAType → sendMFASelectionAnswer(SMS_MFA) → mfaRequired → sendMFACode', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableEmailMfa(cognito, 'OPTIONAL', { sms: true });
  await setUserMfa(cognito, 'alice', { sms: true, email: true });
  const app = aliceOf(idp);
  t.match(await signIn(app), { select: { MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' } }, 'selectMFAType');
  t.match(await choose(app, 'SMS_MFA'), { mfa: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' } }, 'mfaRequired');
  const done = await sendCode(app, (await latestCode(idp))!.code);
  if (!('session' in done)) return t.fail(`no session: ${JSON.stringify(done)}`);
  t.ok(done.session.isValid());
});
