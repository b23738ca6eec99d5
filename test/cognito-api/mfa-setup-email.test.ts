import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { enableEmailMfa, enableSmsMfa, latestCode } from '../helpers/message-mfa.js';
import { passwordAuth } from '../helpers/mfa.js';

// The API reference (RespondToAuthChallenge, ChallengeName MFA_SETUP): "To set up SMS or email MFA, collect
// a phone_number or email attribute for the user. Then restart the authentication flow".
const newcomer = { username: 'newcomer', password: 'Chosen-5678-pass!' };

/** A confirmed user with a password and neither an email nor a phone number. */
async function addNewcomer(cognito: CognitoIdentityProviderClient) {
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: newcomer.username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: newcomer.username, Password: newcomer.password, Permanent: true }));
}

const attributesOf = async (cognito: CognitoIdentityProviderClient) =>
  Object.fromEntries(((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: newcomer.username }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));

t.test('email MFA required, no email: MFA_SETUP; an EMAIL answer is refused; the email set and a new sign-in asks for EMAIL_OTP', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableEmailMfa(cognito, 'ON');
  await addNewcomer(cognito);
  const setup = await passwordAuth(cognito, newcomer);
  t.equal(setup.ChallengeName, 'MFA_SETUP');
  t.same(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["EMAIL_OTP"]', USER_ID_FOR_SRP: 'newcomer' });

  const answer = (ChallengeResponses: Record<string, string>) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'MFA_SETUP', ClientId: spa, Session: setup.Session, ChallengeResponses }));
  t.match(await sdkError(answer({ USERNAME: 'newcomer', EMAIL: 'newcomer@example.com' })), { name: 'InvalidParameterException', message: /AdminUpdateUserAttributes/ });
  t.notOk((await attributesOf(cognito)).email, 'no email was set');
  t.match(await sdkError(answer({ USERNAME: 'newcomer' })), { name: 'InvalidParameterException' }, 'nor is MFA set up');

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
