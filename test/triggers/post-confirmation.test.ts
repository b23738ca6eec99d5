import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';

const start = (t: Test) =>
  startTriggerPool(t, {
    functions: { [fn('post-confirmation')]: { module: handlerModule('refuse-when-asked.ts') } },
    lambdaConfig: { PostConfirmation: fn('post-confirmation') },
    pool: { AutoVerifiedAttributes: ['email'] },
  });

async function signUp(idp: { url: string }, cognito: Awaited<ReturnType<typeof start>>['cognito'], poolId: string, clientId: string, username: string) {
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  const codes = (await (await fetch(`${idp.url}/_mock/pools/${poolId}/users/${username}/codes`)).json()) as { codes: Array<{ code: string; purpose: string }> };
  return codes.codes.find((c) => c.purpose === 'SIGN_UP')!.code;
}

t.test('ConfirmSignUp runs PostConfirmation_ConfirmSignUp with the confirmed user', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  const code = await signUp(idp, cognito, poolId, clientId, 'ana');
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana', ConfirmationCode: code, ClientMetadata: { from: 'test' } }));
  const [entry] = await journal('PostConfirmation');
  t.match(entry!.event, {
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    userName: 'ana',
    callerContext: { clientId },
    request: { userAttributes: { email: 'ana@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' }, clientMetadata: { from: 'test' } },
    response: {},
  });
});

t.test('a failing PostConfirmation leaves the user unconfirmed and the code usable', async (t) => {
  const { idp, cognito, poolId, clientId } = await start(t);
  const code = await signUp(idp, cognito, poolId, clientId, 'blocked-bo');
  const error = await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'blocked-bo', ConfirmationCode: code })));
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal(error.message, 'PostConfirmation failed with error PostConfirmation_ConfirmSignUp says no to blocked-bo.');
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'blocked-bo' }));
  t.equal(user.UserStatus, 'UNCONFIRMED');
  t.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'false');
  const codes = (await (await fetch(`${idp.url}/_mock/pools/${poolId}/users/blocked-bo/codes`)).json()) as { codes: unknown[] };
  t.equal(codes.codes.length, 1, 'the code is not used up');
});

t.test('a wrong code fails before the function runs', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  await signUp(idp, cognito, poolId, clientId, 'cy');
  t.equal((await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'cy', ConfirmationCode: '000000' })))).name, 'CodeMismatchException');
  t.same(await journal('PostConfirmation'), []);
});

t.test('AdminConfirmSignUp runs it too, with no client', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  await signUp(idp, cognito, poolId, clientId, 'dee');
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'dee' }));
  t.match((await journal('PostConfirmation'))[0]!.event, { triggerSource: 'PostConfirmation_ConfirmSignUp', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' } });

  await signUp(idp, cognito, poolId, clientId, 'blocked-eve');
  t.equal((await sdkError(cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'blocked-eve' })))).name, 'UserLambdaValidationException');
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'blocked-eve' }))).UserStatus, 'UNCONFIRMED');
});

t.test('ConfirmForgotPassword runs PostConfirmation_ConfirmForgotPassword; a failure keeps the old password', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  // Users an administrator made (no post confirmation on the way), with a verified email for the reset code.
  for (const username of ['fay', 'blocked-gus']) {
    const attributes = [
      { Name: 'email', Value: `${username}@example.com` },
      { Name: 'email_verified', Value: 'true' },
    ];
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, UserAttributes: attributes, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
  }
  const resetCode = async (username: string) => {
    await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
    const codes = (await (await fetch(`${idp.url}/_mock/pools/${poolId}/users/${username}/codes`)).json()) as { codes: Array<{ code: string; purpose: string }> };
    return codes.codes.find((c) => c.purpose === 'FORGOT_PASSWORD')!.code;
  };
  await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'fay', ConfirmationCode: await resetCode('fay'), Password: 'Another-4471-pass!' }));
  const entries = await journal('PostConfirmation');
  t.match(entries.at(-1)!.event, { triggerSource: 'PostConfirmation_ConfirmForgotPassword', userName: 'fay', callerContext: { clientId } });

  const error = await sdkError(
    cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'blocked-gus', ConfirmationCode: await resetCode('blocked-gus'), Password: 'Another-4471-pass!' })),
  );
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal(idp.services.directory.findUser(idp.services.directory.pool(poolId), 'blocked-gus')!.password, password, 'the password is unchanged');
});
