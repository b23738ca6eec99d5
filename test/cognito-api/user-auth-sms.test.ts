import { AdminUpdateUserAttributesCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError, startCognito, verifyToken } from '../helpers/cognito.js';
import { latestCode } from '../helpers/message-mfa.js';
import { dora, userAuthPool } from '../helpers/user-auth.js';

/** A USER_AUTH pool allowing PASSWORD and SMS_OTP; dora gets a phone number, verified or not. */
async function smsPool(cognito: Parameters<typeof userAuthPool>[0], verified: boolean) {
  const ids = await userAuthPool(cognito, { factors: ['PASSWORD', 'SMS_OTP'] });
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: ids.pool,
      Username: dora.username,
      UserAttributes: [
        { Name: 'phone_number', Value: '+15550001234' },
        { Name: 'phone_number_verified', Value: String(verified) },
      ],
    }),
  );
  return ids;
}

t.test('SMS_OTP: offered for a verified phone, an 8-digit code texted to the masked number, answered with SMS_OTP_CODE once', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await smsPool(cognito, true);
  const offered = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  t.same(offered.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);

  const chosen = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: client, Session: offered.Session, ChallengeResponses: { USERNAME: dora.username, ANSWER: 'SMS_OTP' } }),
  );
  t.equal(chosen.ChallengeName, 'SMS_OTP');
  t.same(chosen.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******1234' });
  const sent = await latestCode(idp, dora.username, 'SIGN_IN', pool);
  t.match(sent, { code: /^[0-9]{8}$/, attributeName: 'phone_number', deliveryMedium: 'SMS', destination: '+15550001234' });
  const answer = (code: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_OTP', ClientId: client, Session: chosen.Session, ChallengeResponses: { USERNAME: dora.username, SMS_OTP_CODE: code } }));
  t.match(await sdkError(answer(sent!.code === '00000000' ? '11111111' : '00000000')), { name: 'CodeMismatchException' });
  const done = await answer(sent!.code);
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access', client, pool), { username: dora.username });
  t.match(await sdkError(answer(sent!.code)), { name: 'NotAuthorizedException' }, 'a Session answers once');
});

t.test('PREFERRED_CHALLENGE SMS_OTP goes straight to the code; the code expires with the 3-minute session', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await smsPool(cognito, true);
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'SMS_OTP' } }));
  t.equal(started.ChallengeName, 'SMS_OTP');
  const sent = await latestCode(idp, dora.username, 'SIGN_IN', pool);
  const missing = new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_OTP', ClientId: client, Session: started.Session, ChallengeResponses: { USERNAME: dora.username } });
  t.match(await sdkError(cognito.send(missing)), { name: 'InvalidParameterException' }, 'no SMS_OTP_CODE');
  idp.baseClock.advanceBy(181_000);
  const late = new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_OTP', ClientId: client, Session: started.Session, ChallengeResponses: { USERNAME: dora.username, SMS_OTP_CODE: sent!.code } });
  t.match(await sdkError(cognito.send(late)), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
});

t.test('an unverified phone number: SMS_OTP neither offered nor taken as PREFERRED_CHALLENGE', async (t) => {
  const { cognito } = await startCognito(t);
  const { client } = await smsPool(cognito, false);
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'SMS_OTP' } }));
  t.equal(started.ChallengeName, 'SELECT_CHALLENGE');
  t.same(started.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  const answer = new RespondToAuthChallengeCommand({
    ChallengeName: 'SELECT_CHALLENGE',
    ClientId: client,
    Session: started.Session,
    ChallengeResponses: { USERNAME: dora.username, ANSWER: 'SMS_OTP' },
  });
  t.match(await sdkError(cognito.send(answer)), { name: 'InvalidParameterException' });
});
