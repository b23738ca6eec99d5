import { AdminCreateUserCommand, AdminGetUserCommand, AssociateSoftwareTokenCommand, RespondToAuthChallengeCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { codeNow, enableTotp, passwordAuth } from '../helpers/mfa.js';

const setupAnswer = (Session: string | undefined) => new RespondToAuthChallengeCommand({ ChallengeName: 'MFA_SETUP', ClientId: spa, Session, ChallengeResponses: { USERNAME: 'alice' } });

t.test('MFA ON and no MFA yet: MFA_SETUP → AssociateSoftwareToken(Session) → VerifySoftwareToken(Session) → tokens', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  const setup = await passwordAuth(cognito);
  t.equal(setup.ChallengeName, 'MFA_SETUP');
  t.same(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'alice' });

  const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
  t.match(associated, { SecretCode: /^[A-Z2-7]{32}$/, Session: /^[A-Za-z0-9+/]+=*$/ });
  t.not(associated.Session, setup.Session, 'a new Session');
  t.match(await sdkError(cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }))), { name: 'NotAuthorizedException' }, 'the first Session is used up');
  t.match(await sdkError(cognito.send(setupAnswer(associated.Session))), { name: 'InvalidParameterException' }, 'MFA_SETUP before VerifySoftwareToken');

  const wrong = codeNow(idp, associated.SecretCode!) === '000000' ? '111111' : '000000';
  t.match(await sdkError(cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrong }))), { name: 'EnableSoftwareTokenMFAException' });
  const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeNow(idp, associated.SecretCode!), FriendlyDeviceName: 'laptop' }));
  t.match(verified, { Status: 'SUCCESS', Session: /^[A-Za-z0-9+/]+=*$/ });

  const done = await cognito.send(setupAnswer(verified.Session));
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'alice' });
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' })), { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });

  idp.baseClock.advanceBy(30_000);
  const next = await passwordAuth(cognito);
  t.match(next, { ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'laptop' } }, 'the next sign-in asks for the code');
});

t.test('an MFA_SETUP Session expires after 3 minutes', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  const setup = await passwordAuth(cognito);
  idp.baseClock.advanceBy(181_000);
  const expired = await sdkError(cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })));
  t.match(expired, { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  t.match(await sdkError(cognito.send(setupAnswer(setup.Session))), { name: 'NotAuthorizedException' });
});

t.test('after NEW_PASSWORD_REQUIRED, MFA ON still asks for MFA_SETUP', async (t) => {
  const { cognito } = await startCognito(t);
  await enableTotp(cognito, 'ON');
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'newcomer', TemporaryPassword: 'Temporary-1234!', MessageAction: 'SUPPRESS' }));
  const first = await passwordAuth(cognito, { username: 'newcomer', password: 'Temporary-1234!' });
  t.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  const next = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: spa,
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'newcomer', NEW_PASSWORD: 'Chosen-5678-pass!' },
    }),
  );
  t.match(next, { ChallengeName: 'MFA_SETUP', ChallengeParameters: { USER_ID_FOR_SRP: 'newcomer' } });
});
