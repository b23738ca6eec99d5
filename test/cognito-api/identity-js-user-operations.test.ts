import { AdminResetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import t, { type Test } from 'tap';
import { call, resetBeforeEach, type TestIdp } from '../helpers/idp.js';
import { alice, localPool, memoryStorage, spa, startCognito } from '../helpers/cognito.js';

// One server for the file, reset (configured users, no sign-ins or codes) before each test.
const { idp, cognito } = await startCognito(t);
resetBeforeEach(t, idp);

type Failure = { code?: string; name: string; message: string };

/** Signs in with SRP (the library's default) as an app would, against mock-idp: the signed-in CognitoUser, or the failure. */
function signIn(idp: TestIdp, Username: string, Password: string): Promise<{ user: CognitoUser } | { error: Failure }> {
  const Storage = memoryStorage();
  const Pool = new CognitoUserPool({ UserPoolId: localPool, ClientId: spa, endpoint: `${idp.url}/`, Storage });
  const user = new CognitoUser({ Username, Pool, Storage });
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username, Password }), {
      onSuccess: () => resolve({ user }),
      onFailure: (error) => resolve({ error }),
    }),
  );
}

async function signedIn(t: Test, idp: TestIdp): Promise<CognitoUser> {
  const outcome = await signIn(idp, alice.username, alice.password);
  if (!('user' in outcome)) throw new Error(`no session: ${JSON.stringify(outcome)}`);
  t.pass('signed in');
  return outcome.user;
}

/** A node-style callback as a promise. */
const settle = <T>(run: (callback: (error: Error | undefined | null, result?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result as T))));

t.test('getAttributeVerificationCode, then verifyAttribute with the code mock-idp "sent"', async (t) => {
  const user = await signedIn(t, idp);
  const delivery = await new Promise<unknown>((resolve, reject) =>
    user.getAttributeVerificationCode('phone_number', { onSuccess: () => resolve('no details'), onFailure: reject, inputVerificationCode: resolve }),
  );
  t.match(delivery, { CodeDeliveryDetails: { AttributeName: 'phone_number', DeliveryMedium: 'SMS' } });
  const codes = (await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes as Array<{ purpose: string; code: string; attributeName: string }>;
  const { code } = codes.find((c) => c.purpose === 'VERIFY_ATTRIBUTE' && c.attributeName === 'phone_number')!;
  await new Promise((resolve, reject) => user.verifyAttribute('phone_number', code, { onSuccess: resolve, onFailure: reject }));
  t.equal(idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes.phone_number_verified, 'true');

  const refused = await new Promise<unknown>((resolve) =>
    user.getAttributeVerificationCode('given_name', { onSuccess: () => resolve('sent'), onFailure: resolve, inputVerificationCode: () => resolve('sent') }),
  );
  t.match(refused, { code: 'InvalidParameterException' });
});

t.test('deleteAttributes and listDevices', async (t) => {
  const user = await signedIn(t, idp);
  t.equal(await settle<string>((cb) => user.deleteAttributes(['given_name', 'email'], cb)), 'SUCCESS');
  const attributes = idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes;
  t.notOk('given_name' in attributes);
  t.notOk('email_verified' in attributes);
  await t.rejects(
    settle((cb) => user.deleteAttributes(['sub'], cb)),
    { code: 'InvalidParameterException' },
  );

  const devices = await new Promise((resolve, reject) => user.listDevices(10, null, { onSuccess: resolve, onFailure: reject }));
  t.same(devices, { Devices: [] });
});

t.test('deleteUser: the account is gone and can no longer sign in', async (t) => {
  const user = await signedIn(t, idp);
  t.equal(await settle<string>((cb) => user.deleteUser(cb)), 'SUCCESS');
  t.notOk(idp.services.directory.findUser(idp.services.directory.pool(), 'alice'));
  t.match(await signIn(idp, alice.username, alice.password), { error: { code: 'NotAuthorizedException' } });
});

t.test('after AdminResetUserPassword, sign-in fails with PasswordResetRequiredException', async (t) => {
  await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.match(await signIn(idp, alice.username, alice.password), { error: { code: 'PasswordResetRequiredException', message: 'Password reset required for the user' } });
});
