import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { enableEmailMfa, enableSmsMfa, latestCode, wrongCode } from '../helpers/message-mfa.js';
import { enableTotp, passwordAuth } from '../helpers/mfa.js';

// MFA_SETUP for email MFA, both ways: answered with `EMAIL` (as aws-amplify v6 answers it), and the API
// reference's (RespondToAuthChallenge, MFA_SETUP): collect the email or phone_number, then sign in again.
const newcomer = { username: 'newcomer', password: 'Chosen-5678-pass!' };

/** A confirmed user with a password and neither an email nor a phone number. */
async function addNewcomer(cognito: CognitoIdentityProviderClient) {
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: newcomer.username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: newcomer.username, Password: newcomer.password, Permanent: true }));
}

const attributesOf = async (cognito: CognitoIdentityProviderClient) =>
  Object.fromEntries(((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: newcomer.username }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));

const mfaOf = async (cognito: CognitoIdentityProviderClient) => {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: newcomer.username }));
  return { list: user.UserMFASettingList, preferred: user.PreferredMfaSetting };
};

/** Email MFA required, the newcomer added and signed in: the MFA_SETUP challenge, and a way to answer it. */
async function emailSetup(t: Test) {
  const started = await startCognito(t);
  const { cognito } = started;
  await enableEmailMfa(cognito, 'ON');
  await addNewcomer(cognito);
  const setup = await passwordAuth(cognito, newcomer);
  const answer = (ChallengeResponses: Record<string, string>, Session = setup.Session) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'MFA_SETUP', ClientId: spa, Session, ChallengeResponses }));
  const answerCode = (Session: string | undefined, code: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: spa, Session, ChallengeResponses: { USERNAME: 'newcomer', EMAIL_OTP_CODE: code } }));
  return { ...started, setup, answer, answerCode };
}

t.test('email MFA required, no email: MFA_SETUP answered with EMAIL (as Amplify does) → EMAIL_OTP → the code sets the email and email MFA', async (t) => {
  const { idp, cognito, setup, answer, answerCode } = await emailSetup(t);
  t.equal(setup.ChallengeName, 'MFA_SETUP');
  t.same(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["EMAIL_OTP"]', USER_ID_FOR_SRP: 'newcomer' });

  const challenge = await answer({ USERNAME: 'newcomer', EMAIL: 'newcomer@example.com' });
  t.equal(challenge.ChallengeName, 'EMAIL_OTP');
  t.same(challenge.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'n***@e***' });
  t.ok(challenge.Session && challenge.Session !== setup.Session, 'a new Session');
  const sent = await latestCode(idp, 'newcomer');
  t.match(sent, { purpose: 'MFA', code: /^[0-9]{6}$/, attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'newcomer@example.com' });
  t.notOk((await attributesOf(cognito)).email, 'no email set before the code');
  t.same(await mfaOf(cognito), { list: undefined, preferred: undefined }, 'nor email MFA');

  t.match(await sdkError(answerCode(challenge.Session, wrongCode(sent!.code))), { name: 'CodeMismatchException' });
  t.notOk((await attributesOf(cognito)).email, 'a wrong code changes nothing');

  const done = await answerCode(challenge.Session, sent!.code);
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'newcomer' });
  t.match(await attributesOf(cognito), { email: 'newcomer@example.com', email_verified: 'true' }, 'the code set the email, verified');
  t.same(await mfaOf(cognito), { list: ['EMAIL_OTP'], preferred: 'EMAIL_OTP' }, 'email MFA on and preferred');
  t.match(await sdkError(answerCode(challenge.Session, sent!.code)), { name: 'NotAuthorizedException' }, 'the Session is used up');

  const again = await passwordAuth(cognito, newcomer);
  t.match(again, { ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'n***@e***' } }, 'the next sign-in asks for an email code');
});

t.test('MFA_SETUP with a malformed EMAIL or with PHONE_NUMBER → InvalidParameterException, nothing changes', async (t) => {
  const { idp, cognito, answer, answerCode } = await emailSetup(t);
  for (const EMAIL of ['not-an-email', 'two words@example.com', '']) {
    t.match(await sdkError(answer({ USERNAME: 'newcomer', EMAIL })), { name: 'InvalidParameterException' }, `EMAIL ${JSON.stringify(EMAIL)}`);
  }
  t.match(await sdkError(answer({ USERNAME: 'newcomer', PHONE_NUMBER: '+15555550100' })), { name: 'InvalidParameterException', message: /phone_number/ });
  t.match(await sdkError(answer({ USERNAME: 'newcomer' })), { name: 'InvalidParameterException' }, 'nor is MFA set up without an answer');
  t.equal(await latestCode(idp, 'newcomer'), undefined, 'no code sent');
  t.notOk((await attributesOf(cognito)).email, 'no email set');
  const challenge = await answer({ USERNAME: 'newcomer', EMAIL: 'newcomer@example.com' });
  t.equal(challenge.ChallengeName, 'EMAIL_OTP', 'the Session is still good after the refusals');
  t.ok((await answerCode(challenge.Session, (await latestCode(idp, 'newcomer'))!.code)).AuthenticationResult);
});

t.test('MFA_SETUP offering only an authenticator app refuses EMAIL', async (t) => {
  const { cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  await addNewcomer(cognito);
  const setup = await passwordAuth(cognito, newcomer);
  t.same(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'newcomer' });
  const refused = await sdkError(
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'MFA_SETUP', ClientId: spa, Session: setup.Session, ChallengeResponses: { USERNAME: 'newcomer', EMAIL: 'newcomer@example.com' } })),
  );
  t.match(refused, { name: 'InvalidParameterException' });
  t.notOk((await attributesOf(cognito)).email);
});

t.test("the email set after MFA_SETUP also works the API reference's way: set the email, sign in again, EMAIL_OTP", async (t) => {
  const { idp, cognito } = await emailSetup(t);
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: localPool, Username: 'newcomer', UserAttributes: [{ Name: 'email', Value: 'newcomer@example.com' }] }));
  const challenge = await passwordAuth(cognito, newcomer);
  t.match(challenge, { ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' } });
  const sent = await latestCode(idp, 'newcomer');
  t.match(sent, { purpose: 'MFA', code: /^[0-9]{6}$/, attributeName: 'email' });
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'newcomer', EMAIL_OTP_CODE: sent!.code } }),
  );
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'newcomer' });
  t.equal((await attributesOf(cognito)).email_verified, 'true', 'the code verified the email');
});

t.test('SMS MFA required, no phone number: MFA_SETUP; a PHONE_NUMBER answer is refused; the number set, SMS_MFA follows', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableSmsMfa(cognito, 'ON');
  await addNewcomer(cognito);
  const setup = await passwordAuth(cognito, newcomer);
  t.same(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["SMS_MFA"]', USER_ID_FOR_SRP: 'newcomer' });
  const refused = await sdkError(
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'MFA_SETUP', ClientId: spa, Session: setup.Session, ChallengeResponses: { USERNAME: 'newcomer', PHONE_NUMBER: '+15555550100' } })),
  );
  t.match(refused, { name: 'InvalidParameterException', message: /phone_number/ });
  t.notOk((await attributesOf(cognito)).phone_number, 'no phone number was set');

  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: localPool, Username: 'newcomer', UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }] }));
  const challenge = await passwordAuth(cognito, newcomer);
  t.match(challenge, { ChallengeName: 'SMS_MFA', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' } });
  const sent = await latestCode(idp, 'newcomer');
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_MFA', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'newcomer', SMS_MFA_CODE: sent!.code } }),
  );
  t.ok(done.AuthenticationResult?.IdToken, 'signed in');
});
