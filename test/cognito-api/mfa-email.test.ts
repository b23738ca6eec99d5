import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  CreateUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { enableEmailMfa, latestCode, sesEmailConfiguration, setUserMfa, wrongCode } from '../helpers/message-mfa.js';
import { passwordAuth } from '../helpers/mfa.js';
import { dora, userAuthPool } from '../helpers/user-auth.js';

const emailMfa = { Subject: 'Your code', Message: 'Your code is {####}' };

t.test('EmailMfaConfiguration needs SES sending (DEVELOPER) and the Essentials tier; bad shapes refused; nothing changes', async (t) => {
  const { cognito } = await startCognito(t);
  const set = (UserPoolId: string, EmailMfaConfiguration: Record<string, unknown>) =>
    sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration })));
  t.match(await set(localPool, emailMfa), { name: 'InvalidParameterException' }, 'Cognito sends the email (COGNITO_DEFAULT)');
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: localPool, EmailConfiguration: sesEmailConfiguration }));
  t.match(await set(localPool, { Message: 'no placeholder' }), { name: 'InvalidParameterException', message: /emailMfaConfiguration\.message/ });
  t.match(await set(localPool, { Message: 'Code {####}', Subject: '' }), { name: 'InvalidParameterException', message: /emailMfaConfiguration\.subject/ });
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { MfaConfiguration: 'OFF' }, 'nothing changed');

  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'lite', UserPoolTier: 'LITE', EmailConfiguration: sesEmailConfiguration }));
  t.match(await set(UserPool!.Id!, emailMfa), { name: 'FeatureUnavailableInTierException' }, 'not in the LITE tier');

  const done = await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: emailMfa }));
  t.match(done, { MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: emailMfa });
});

t.test('EmailMfaSettings on: EMAIL_OTP after the password, a 6-digit code to the masked email, answered with EMAIL_OTP_CODE', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableEmailMfa(cognito);
  const AccessToken = (await passwordAuth(cognito)).AuthenticationResult!.AccessToken!;
  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true } }));
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' })), { UserMFASettingList: ['EMAIL_OTP'] });

  const challenge = await passwordAuth(cognito);
  t.equal(challenge.ChallengeName, 'EMAIL_OTP');
  t.same(challenge.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' });
  const sent = await latestCode(idp);
  t.match(sent, { purpose: 'MFA', code: /^[0-9]{6}$/, attributeName: 'email', deliveryMedium: 'EMAIL' });
  const answer = (code: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: code } }));
  t.match(await sdkError(answer(wrongCode(sent!.code))), { name: 'CodeMismatchException' });
  const done = await answer(sent!.code);
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'alice' });
  t.match(await sdkError(answer(sent!.code)), { name: 'NotAuthorizedException' }, 'once');
});

t.test('MFA ON: email MFA after USER_AUTH PASSWORD for a user with an email, without setting it up', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  await enableEmailMfa(cognito, 'ON', { UserPoolId: pool });
  const started = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: dora.password } }),
  );
  t.equal(started.ChallengeName, 'EMAIL_OTP', 'MFA ON: the email MFA code, without setting it up');
  t.match(started.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' });
  const sent = await latestCode(idp, dora.username, 'MFA', pool);
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: client, Session: started.Session, ChallengeResponses: { USERNAME: dora.username, EMAIL_OTP_CODE: sent!.code } }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});

t.test('EmailMfaSettings: refused in a LITE pool; taken where the pool has no email MFA, which then asks for nothing', async (t) => {
  const { cognito } = await startCognito(t);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'lite', UserPoolTier: 'LITE' }));
  const UserPoolId = UserPool!.Id!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: 'lee', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'lee@example.com' }] }));
  const lite = await sdkError(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: 'lee', EmailMfaSettings: { Enabled: true } })));
  t.match(lite, { name: 'FeatureUnavailableInTierException' });
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'lee' }))).UserMFASettingList, undefined, 'nothing changed');

  await setUserMfa(cognito, 'alice', { email: true });
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' })), { UserMFASettingList: ['EMAIL_OTP'] }, 'the Essentials tier (default): taken');
  t.ok((await passwordAuth(cognito)).AuthenticationResult, 'the pool does not allow email MFA: tokens at once');
});
