import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError, startCognito } from '../helpers/cognito.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { codesOf, passwordSignIn, poolWith, signUpTo, strongPassword } from '../helpers/settings-pool.js';

const PasswordPolicy = { MinimumLength: 20, RequireUppercase: false, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false };
const weak = 'Short-1!'; // meets Cognito's default policy, not this one
const lowerAndDigits = 'only lower case 12345 long'; // meets this policy, not the default one

// One server for the file: each test makes its own pool. Its keys reuse the test keys (RSA generation is not the point here).
const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });

t.test("a pool's PasswordPolicy governs SignUp, AdminCreateUser, AdminSetUserPassword and generated passwords", async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { Policies: { PasswordPolicy } });

  t.match(await sdkError(signUpTo(cognito, clientId, 'weak', [], weak)), { name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
  t.match(await sdkError(signUpTo(cognito, clientId, 'nodigit', [], 'only lower case letters here')), { message: 'Password did not conform with policy: Password must have numeric characters' });
  const signedUp = await signUpTo(cognito, clientId, 'lower', [], lowerAndDigits);
  t.ok(signedUp.UserSub, 'no upper case or symbol needed');

  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'temp', TemporaryPassword: weak }))), { name: 'InvalidPasswordException' });
  const created = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'generated' }));
  t.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');

  t.match(await sdkError(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'generated', Password: weak, Permanent: true }))), { name: 'InvalidPasswordException' });
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'generated', Password: lowerAndDigits, Permanent: true }));
  t.ok((await passwordSignIn(cognito, clientId, 'generated', lowerAndDigits)).AuthenticationResult?.AccessToken);
});

t.test('a generated temporary password meets MinimumLength 20 (it signs in to NEW_PASSWORD_REQUIRED)', async (t) => {
  const { poolId, clientId } = await poolWith(cognito, {
    Policies: { PasswordPolicy: { MinimumLength: 20, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true } },
  });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gen' }));
  const user = idp.services.directory.findUser(idp.services.directory.pool(poolId), 'gen')!;
  t.ok(user.password.length >= 20, `length ${user.password.length}`);
  const challenge = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gen', PASSWORD: user.password } }),
  );
  t.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');

  const answer = (NEW_PASSWORD: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'gen', NEW_PASSWORD } }));
  t.match(await sdkError(answer('Short-1!aA')), { name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
  t.ok((await answer(strongPassword)).AuthenticationResult?.AccessToken, 'the session survives a refused password');
});

t.test('ChangePassword and ConfirmForgotPassword follow the pool policy', async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { Policies: { PasswordPolicy } });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'bob', TemporaryPassword: lowerAndDigits }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'bob', Password: lowerAndDigits, Permanent: true }));
  const { AccessToken } = (await passwordSignIn(cognito, clientId, 'bob', lowerAndDigits)).AuthenticationResult!;

  t.match(await sdkError(cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: lowerAndDigits, ProposedPassword: weak }))), { name: 'InvalidPasswordException' });
  await cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: lowerAndDigits, ProposedPassword: 'another lower one 98765' }));

  await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bob' }));
  const [code] = await codesOf(idp, poolId, 'bob');
  const confirm = (Password: string) => cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code!.code, Password }));
  t.match(await sdkError(confirm(weak)), { name: 'InvalidPasswordException' });
  await confirm('yet another lower 13579');
  t.ok((await passwordSignIn(cognito, clientId, 'bob', 'yet another lower 13579')).AuthenticationResult);
});
