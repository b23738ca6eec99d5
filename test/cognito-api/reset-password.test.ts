import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { passwordLogin, pickLogin } from '../../src/cognito/hosted-login.js';
import { call, type TestIdp } from '../helpers/idp.js';
import { alice, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { srpClient } from '../helpers/srp-client.js';

const reset = (cognito: CognitoIdentityProviderClient, Username: string, UserPoolId = localPool) => cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username }));

async function codesOf(idp: TestIdp, username: string, pool = localPool) {
  return (await call(idp, 'GET', `/_mock/pools/${pool}/users/${username}/codes`)).body.codes as Array<{ purpose: string; code: string; attributeName: string }>;
}

const statusOf = async (cognito: CognitoIdentityProviderClient, Username: string, UserPoolId = localPool) => (await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }))).UserStatus;

/** What `run` throws (the hosted login's checks throw CognitoErrors that the page renders). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'nothing thrown';
}

const passwordAuth = (cognito: CognitoIdentityProviderClient, PASSWORD = alice.password) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD } }));

t.test('AdminResetUserPassword: RESET_REQUIRED and a password-reset code at the verified email', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await reset(cognito, 'alice');
  t.equal(await statusOf(cognito, 'alice'), 'RESET_REQUIRED');
  t.match(await codesOf(idp, 'alice'), [{ purpose: 'FORGOT_PASSWORD', attributeName: 'email', code: /^\d{6}$/ }]);
});

t.test('every sign-in path answers PasswordResetRequiredException until ConfirmForgotPassword', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await reset(cognito, 'alice');
  const required = { name: 'PasswordResetRequiredException', message: 'Password reset required for the user', status: 400 };

  t.match(await sdkError(passwordAuth(cognito)), required, 'USER_PASSWORD_AUTH');
  t.match(await sdkError(passwordAuth(cognito, 'Not-the-password-1!')), { name: 'NotAuthorizedException' }, 'a wrong password is still just wrong');
  const admin = new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } });
  t.match(await sdkError(cognito.send(admin)), required, 'ADMIN_USER_PASSWORD_AUTH');

  const srp = srpClient(localPool);
  const challenge = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', SRP_A: srp.SRP_A } }));
  const answer = srp.answer(challenge.ChallengeParameters!, alice.password);
  t.match(await sdkError(cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: spa, ChallengeResponses: answer }))), required, 'USER_SRP_AUTH');

  const pool = idp.services.directory.pool();
  t.match(
    thrown(() => passwordLogin(idp.services.directory, pool, 'alice', alice.password)),
    { type: 'PasswordResetRequiredException' },
    'hosted login',
  );
  t.match(
    thrown(() => pickLogin(pool, 'alice')),
    { type: 'PasswordResetRequiredException' },
    'hosted login, picked',
  );

  const { code } = (await codesOf(idp, 'alice')).find((c) => c.purpose === 'FORGOT_PASSWORD')!;
  await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: spa, Username: 'alice', ConfirmationCode: code, Password: 'Brand-new-pass-1!' }));
  t.equal(await statusOf(cognito, 'alice'), 'CONFIRMED');
  t.ok((await passwordAuth(cognito, 'Brand-new-pass-1!')).AuthenticationResult?.AccessToken, 'the new password signs in');
});

t.test('the code goes to the verified phone number when the email is not verified', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const bob = idp.services.directory.user(idp.services.directory.pool(), 'bob');
  bob.attributes.email_verified = 'false';
  await reset(cognito, 'bob');
  t.match(await codesOf(idp, 'bob'), [{ purpose: 'FORGOT_PASSWORD', attributeName: 'phone_number' }]);
  await reset(cognito, 'bob');
  t.equal((await codesOf(idp, 'bob')).length, 1, 'a second reset replaces the code');
});

t.test("refused in Cognito's words, changing nothing", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const user = (name: string, pool = idp.services.directory.pool()) => idp.services.directory.user(pool, name);
  user('bob').enabled = false;
  user('jayde.lowe59').status = 'UNCONFIRMED';
  const cases: Array<[string, string, string, { name: string; message?: string }]> = [
    ['unknown user', 'nobody', localPool, { name: 'UserNotFoundException' }],
    ['unknown pool', 'alice', 'us-east-1_Nope', { name: 'ResourceNotFoundException' }],
    ['disabled user', 'bob', localPool, { name: 'NotAuthorizedException', message: 'User is disabled.' }],
    ['unconfirmed user', 'jayde.lowe59', localPool, { name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' }],
    ['temporary password', 'kraig_prohaska', 'eu-west-1_TeamsPool', { name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' }],
    ['nothing verified', 'irwin_considine', localPool, { name: 'InvalidParameterException', message: 'Cannot reset password for the user as there is no registered/verified email or phone_number' }],
  ];
  for (const [what, username, pool, error] of cases) {
    t.match(await sdkError(reset(cognito, username, pool)), error, what);
    if (error.name !== 'ResourceNotFoundException' && error.name !== 'UserNotFoundException') {
      t.not(await statusOf(cognito, username, pool), 'RESET_REQUIRED', `${what}: status unchanged`);
      t.same(await codesOf(idp, username, pool), [], `${what}: no code`);
    }
  }
  t.equal(user('jayde.lowe59').status, 'UNCONFIRMED');
});
