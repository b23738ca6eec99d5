import { AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { enableEmailMfa, enableSmsMfa, latestCode, setUserMfa } from '../helpers/message-mfa.js';
import { codeNow, passwordAuth, setUpTotp } from '../helpers/mfa.js';

const select = (Session: string | undefined, ANSWER: string) =>
  new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_MFA_TYPE', ClientId: spa, Session, ChallengeResponses: { USERNAME: 'alice', ANSWER } });

t.test('SMS and email MFA on, none preferred: SELECT_MFA_TYPE, then the chosen challenge', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableEmailMfa(cognito, 'OPTIONAL', { sms: true });
  await setUserMfa(cognito, 'alice', { sms: true, email: true });
  const challenge = await passwordAuth(cognito);
  t.equal(challenge.ChallengeName, 'SELECT_MFA_TYPE');
  t.same(challenge.ChallengeParameters, { MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' });
  t.equal(await latestCode(idp), undefined, 'no code sent before the choice');

  t.match(await sdkError(cognito.send(select(challenge.Session, 'SOFTWARE_TOKEN_MFA'))), { name: 'InvalidParameterException' }, 'not one of the choices');
  const missing = new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_MFA_TYPE', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice' } });
  t.match(await sdkError(cognito.send(missing)), { name: 'InvalidParameterException' }, 'no ANSWER');
  const chosen = await cognito.send(select(challenge.Session, 'EMAIL_OTP'));
  t.equal(chosen.ChallengeName, 'EMAIL_OTP');
  t.match(chosen.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' });
  t.match(await sdkError(cognito.send(select(challenge.Session, 'SMS_MFA'))), { name: 'NotAuthorizedException' }, 'the choice is made once');
  const sent = await latestCode(idp);
  t.equal(sent!.deliveryMedium, 'EMAIL');
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: spa, Session: chosen.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: sent!.code } }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});

t.test('the preferred type skips the choice; TOTP and SMS offer both', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito, 'OPTIONAL', { totp: true });
  const secret = await setUpTotp(idp, cognito);
  await setUserMfa(cognito, 'alice', { sms: true }, 'sms');
  const preferred = await passwordAuth(cognito);
  t.equal(preferred.ChallengeName, 'SMS_MFA', 'SMS preferred over the authenticator app');

  await setUserMfa(cognito, 'alice', { sms: true });
  const both = await passwordAuth(cognito);
  t.same(both.ChallengeParameters, { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }, 'no preference left: the choice');
  const totp = await cognito.send(select(both.Session, 'SOFTWARE_TOKEN_MFA'));
  t.equal(totp.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: spa,
      Session: totp.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: codeNow(idp, secret) },
    }),
  );
  t.ok(done.AuthenticationResult);
});

t.test("MFA ON and nothing the user can receive: MFA_SETUP lists the pool's types", async (t) => {
  const { cognito } = await startCognito(t);
  await enableSmsMfa(cognito, 'ON', { totp: true });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'nophone', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'nophone@example.com' }] }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'nophone', Password: 'Nophone-1234-pass!', Permanent: true }));
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'nophone', PASSWORD: 'Nophone-1234-pass!' } }));
  t.equal(started.ChallengeName, 'MFA_SETUP');
  t.same(started.ChallengeParameters, { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'nophone' });
});
