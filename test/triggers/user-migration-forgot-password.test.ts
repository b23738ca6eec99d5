import { AdminGetUserCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { sdkError } from '../helpers/cognito.js';
import { call } from '../helpers/idp.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const start = (t: Test) =>
  startTriggerPool(t, {
    functions: { [fn('migrate')]: { module: handlerModule('user-migration-legacy.ts') } },
    lambdaConfig: { UserMigration: fn('migrate') },
  });

t.test('ForgotPassword for a name the pool lacks: the user is brought in RESET_REQUIRED and gets the code', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  const answer = await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'lee', ClientMetadata: { channel: 'web' } }));
  t.match(answer.CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL' });
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'lee' }));
  t.equal(user.UserStatus, 'RESET_REQUIRED');

  const [entry] = await journal('UserMigration');
  t.match(entry!.event, { triggerSource: 'UserMigration_ForgotPassword', userName: 'lee', request: { clientMetadata: { channel: 'web' } } });
  t.notOk('password' in (entry!.event as { request: object }).request, 'no password at forgot-password');

  const codes = (await call(idp, 'GET', `/_mock/pools/${poolId}/users/lee/codes`)).body.codes as Array<{ purpose: string; code: string }>;
  const code = codes.find((c) => c.purpose === 'FORGOT_PASSWORD')!.code;
  await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'lee', ConfirmationCode: code, Password: 'Brand-new-pass-7!' }));
  const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'lee', PASSWORD: 'Brand-new-pass-7!' } }));
  t.ok(signedIn.AuthenticationResult?.AccessToken, 'the new password signs in');
  t.equal((await journal('UserMigration')).length, 1);
});

t.test('ForgotPassword for a name the function does not know either: as before, and no user', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  t.match(await sdkError(cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'stranger' }))), {
    name: 'UserNotFoundException',
    message: 'Username/client id combination not found.',
  });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
});
