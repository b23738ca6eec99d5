import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { enableSmsMfa, latestCode, setUserMfa, wrongCode } from '../helpers/message-mfa.js';
import { passwordAuth } from '../helpers/mfa.js';
import { srpClient } from '../helpers/srp-client.js';

const answer = (Session: string | undefined, code: string) =>
  new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_MFA', ClientId: spa, Session, ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: code } });

t.test('SetUserMFAPreference SMSMfaSettings: GetUser and AdminGetUser list SMS_MFA (and the legacy MFAOptions)', async (t) => {
  const { cognito } = await startCognito(t);
  await enableSmsMfa(cognito);
  const AccessToken = (await passwordAuth(cognito)).AuthenticationResult!.AccessToken!;
  const before = await cognito.send(new GetUserCommand({ AccessToken }));
  t.equal(before.UserMFASettingList, undefined, 'no MFA yet');
  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
  const after = await cognito.send(new GetUserCommand({ AccessToken }));
  t.same(after.UserMFASettingList, ['SMS_MFA']);
  t.equal(after.PreferredMfaSetting, 'SMS_MFA');
  t.same(after.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
  const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.match(admin, { UserMFASettingList: ['SMS_MFA'], PreferredMfaSetting: 'SMS_MFA' });

  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: false } }));
  const off = await cognito.send(new GetUserCommand({ AccessToken }));
  t.equal(off.UserMFASettingList, undefined, 'turned off');
  t.equal(off.MFAOptions, undefined);
});

t.test('USER_PASSWORD_AUTH with SMS MFA: SMS_MFA to the masked phone, the 6-digit code from the control API, once', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito);
  await setUserMfa(cognito, 'alice', { sms: true });
  const challenge = await passwordAuth(cognito);
  t.equal(challenge.ChallengeName, 'SMS_MFA');
  t.same(challenge.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******4045' });
  t.equal(challenge.AuthenticationResult, undefined);
  const sent = await latestCode(idp);
  t.match(sent, { purpose: 'MFA', code: /^[0-9]{6}$/, attributeName: 'phone_number', deliveryMedium: 'SMS', destination: '+15554554045' });

  t.match(await sdkError(cognito.send(answer(challenge.Session, wrongCode(sent!.code)))), { name: 'CodeMismatchException', status: 400 });
  const done = await cognito.send(answer(challenge.Session, sent!.code));
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'alice' }, 'the session survives a wrong code');
  t.match(await sdkError(cognito.send(answer(challenge.Session, sent!.code))), { name: 'NotAuthorizedException' }, 'a Session answers once');
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.equal(user.UserAttributes!.find((a) => a.Name === 'phone_number_verified')!.Value, 'true', 'the first SMS MFA verifies the phone number');

  const next = await passwordAuth(cognito);
  t.match(await sdkError(cognito.send(answer(next.Session, sent!.code))), { name: 'CodeMismatchException' }, 'a code works once');
  const fresh = await latestCode(idp);
  t.ok(fresh, 'a new code was sent');
  t.ok((await cognito.send(answer(next.Session, fresh!.code))).AuthenticationResult, 'the new code');
});

t.test("the code lives as long as the 3-minute session, on the server's clock", async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito);
  await setUserMfa(cognito, 'alice', { sms: true });
  const challenge = await passwordAuth(cognito);
  const sent = await latestCode(idp);
  t.equal(sent!.expiresAt - Math.floor(idp.clock.now() / 1000), 180);
  idp.baseClock.advanceBy(181_000);
  t.match(await sdkError(cognito.send(answer(challenge.Session, sent!.code))), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
});

t.test('AdminInitiateAuth, SRP and MFA ON ask for the SMS code too', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito, 'ON');
  // MFA required, nothing turned on: a user with a phone number gets SMS MFA without setting it up.
  const admin = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }),
  );
  t.equal(admin.ChallengeName, 'SMS_MFA');
  const adminDone = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: localPool,
      ClientId: spa,
      ChallengeName: 'SMS_MFA',
      Session: admin.Session,
      ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: (await latestCode(idp))!.code },
    }),
  );
  t.ok(adminDone.AuthenticationResult?.IdToken);

  const srp = srpClient(localPool);
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', SRP_A: srp.SRP_A } }));
  const verified = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: spa, ChallengeResponses: srp.answer(started.ChallengeParameters!, alice.password) }),
  );
  t.equal(verified.ChallengeName, 'SMS_MFA', 'PASSWORD_VERIFIER answers SMS_MFA');
  t.ok((await cognito.send(answer(verified.Session, (await latestCode(idp))!.code))).AuthenticationResult);
});

t.test("malformed answers and another challenge's Session: Cognito's errors, nothing used up", async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito);
  await setUserMfa(cognito, 'alice', { sms: true });
  const challenge = await passwordAuth(cognito);
  const code = (await latestCode(idp))!.code;
  const missing = new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_MFA', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice' } });
  t.match(await sdkError(cognito.send(missing)), { name: 'InvalidParameterException' }, 'no code');
  t.match(await sdkError(cognito.send(answer('bm9wZQ==', code))), { name: 'NotAuthorizedException' }, 'not a session');
  const asTotp = new RespondToAuthChallengeCommand({
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    ClientId: spa,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
  });
  t.match(await sdkError(cognito.send(asTotp)), { name: 'NotAuthorizedException' }, 'an SMS_MFA Session does not answer SOFTWARE_TOKEN_MFA');
  t.ok((await cognito.send(answer(challenge.Session, code))).AuthenticationResult, 'still usable after bad input');
});
