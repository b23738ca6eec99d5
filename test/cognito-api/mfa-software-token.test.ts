import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { call } from '../helpers/idp.js';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { codeNow, enableTotp, passwordAuth } from '../helpers/mfa.js';

t.test('AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference: GetUser and AdminGetUser show it', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito);
  const AccessToken = (await passwordAuth(cognito)).AuthenticationResult!.AccessToken!;
  const associated = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  t.match(associated.SecretCode, /^[A-Z2-7]{32}$/, '32 base32 characters');
  t.equal(associated.Session, undefined, 'no Session with an AccessToken');
  const pending = await call(idp, 'GET', '/_mock/pools/us-east-1_LocalPool/users/alice/mfa');
  t.match(pending.body, { pendingTotpSecret: associated.SecretCode, pendingTotpCode: /^\d{6}$/, totpSecret: null, totpEnabled: false }, 'the control API shows the secret');

  t.match(await sdkError(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }))), { name: 'InvalidParameterException' }, 'not verified yet');

  const verified = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: pending.body.pendingTotpCode, FriendlyDeviceName: 'phone' }));
  t.equal(verified.Status, 'SUCCESS');
  t.equal(verified.Session, undefined);
  const noMfaYet = await cognito.send(new GetUserCommand({ AccessToken }));
  t.equal(noMfaYet.UserMFASettingList, undefined, 'verifying does not turn MFA on');

  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  t.match(await cognito.send(new GetUserCommand({ AccessToken })), { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' })), { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  const shown = await call(idp, 'GET', '/_mock/pools/us-east-1_LocalPool/users/alice/mfa');
  t.match(shown.body, { totpSecret: associated.SecretCode, totpEnabled: true, totpPreferred: true, deviceName: 'phone', pendingTotpSecret: null });

  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'alice', SoftwareTokenMfaSettings: { Enabled: false } }));
  const off = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.equal(off.UserMFASettingList, undefined, 'AdminSetUserMFAPreference turns it off');
  t.equal(off.PreferredMfaSetting, undefined);
});

t.test('VerifySoftwareToken: a wrong, stale or reused code is EnableSoftwareTokenMFAException and changes nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const AccessToken = (await passwordAuth(cognito)).AuthenticationResult!.AccessToken!;
  t.match(await sdkError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '123456' }))), { name: 'SoftwareTokenMFANotFoundException' }, 'before AssociateSoftwareToken');
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  const secret = SecretCode!;
  const right = codeNow(idp, secret);
  const wrong = right === '000000' ? '000001' : '000000';
  const mismatch = await sdkError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })));
  t.match(mismatch, { name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA', status: 400 });
  t.match(await sdkError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeNow(idp, secret, -90_000) }))), { name: 'EnableSoftwareTokenMFAException' }, 'three steps old');
  t.match(await sdkError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '12a456' }))), { name: 'InvalidParameterException' }, 'not six digits');
  t.match((await call(idp, 'GET', '/_mock/pools/us-east-1_LocalPool/users/alice/mfa')).body, { pendingTotpSecret: secret, totpSecret: null }, 'nothing changed');

  // One step of tolerance either side of the server's clock.
  t.equal((await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeNow(idp, secret, -30_000) }))).Status, 'SUCCESS', "the previous step's code");
  const again = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  idp.baseClock.advanceBy(30_000);
  const used = codeNow(idp, again.SecretCode!, 30_000);
  t.equal((await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: used }))).Status, 'SUCCESS', "the next step's code");
  const third = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  t.match(await sdkError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeNow(idp, third.SecretCode!) }))), { name: 'EnableSoftwareTokenMFAException' }, 'a step already used');
});

t.test('SetUserMFAPreference: TOTP before VerifySoftwareToken and bad tokens are refused', async (t) => {
  const { cognito } = await startCognito(t);
  const AccessToken = (await passwordAuth(cognito)).AuthenticationResult!.AccessToken!;
  t.match(await sdkError(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }))), { name: 'InvalidParameterException' });
  t.same(await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: false } })).then((r) => ({ ...r, $metadata: undefined })), { $metadata: undefined });
  t.match(await sdkError(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: 'nope', SoftwareTokenMfaSettings: { Enabled: true } }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: 'nope' }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new AssociateSoftwareTokenCommand({ Session: 'nope' }))), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  t.match(await sdkError(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'nobody', SoftwareTokenMfaSettings: { Enabled: false } }))), {
    name: 'UserNotFoundException',
  });
});

t.test('GET /_mock/pools/{pool}/users/{username}/mfa needs the admin token when one is set', async (t) => {
  const adminToken = 'test-admin-token_0123456789';
  const { idp } = await startCognito(t, { adminToken });
  const url = '/_mock/pools/us-east-1_LocalPool/users/alice/mfa';
  t.equal((await idp.app.inject({ url })).statusCode, 401);
  const shown = await idp.app.inject({ url, headers: { authorization: `Bearer ${adminToken}` } });
  t.equal(shown.statusCode, 200);
  t.match(shown.json(), { pool: localPool, username: 'alice', totpEnabled: false, totpSecret: null, pendingTotpSecret: null });
  t.equal((await idp.app.inject({ url: '/_mock/pools/us-east-1_LocalPool/users/nobody/mfa', headers: { authorization: `Bearer ${adminToken}` } })).statusCode, 404);
});
