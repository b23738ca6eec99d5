import {
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import type { IssuedCode } from '../../src/cognito/confirmation-codes.js';
import { sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';

const start = async (t: Test) => {
  const started = await startTriggerPool(t, {
    functions: { [fn('custom-message')]: { module: handlerModule('custom-message.ts') } },
    lambdaConfig: { CustomMessage: fn('custom-message') },
    pool: { AutoVerifiedAttributes: ['email'] },
  });
  const codes = async (username: string): Promise<IssuedCode[]> =>
    ((await (await fetch(`${started.idp.url}/_mock/pools/${started.poolId}/users/${username}/codes`)).json()) as { codes: IssuedCode[] }).codes;
  return { ...started, codes };
};

const signUp = (clientId: string, name: string, mode?: string) =>
  new SignUpCommand({
    ClientId: clientId,
    Username: name,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }],
    ...(mode ? { ClientMetadata: { mode } } : {}),
  });

t.test("SignUp and ResendConfirmationCode: the function's message, with the code in it, beside the code", async (t) => {
  const { cognito, clientId, codes, journal } = await start(t);
  await cognito.send(signUp(clientId, 'ana'));
  const [sent] = await codes('ana');
  t.match(sent, {
    purpose: 'SIGN_UP',
    deliveryMedium: 'EMAIL',
    message: {
      triggerSource: 'CustomMessage_SignUp',
      emailSubject: 'Hello ana@example.com',
      emailMessage: `CustomMessage_SignUp: your code is ${sent!.code}.`,
      smsMessage: `Code ${sent!.code}`,
    },
  });
  t.notOk('ignored' in sent!.message!);
  const [entry] = await journal('CustomMessage');
  t.match(entry!.event, {
    version: '1',
    triggerSource: 'CustomMessage_SignUp',
    userName: 'ana',
    callerContext: { clientId },
    request: { userAttributes: { email: 'ana@example.com', email_verified: 'false', 'cognito:user_status': 'UNCONFIRMED' }, codeParameter: '{####}', usernameParameter: null },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });

  await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ana', ClientMetadata: { app: 'web' } }));
  const [resent] = await codes('ana');
  t.equal(resent!.message!.emailMessage, `CustomMessage_ResendCode: your code is ${resent!.code}.`);
  t.match((await journal('CustomMessage'))[1]!.event, { triggerSource: 'CustomMessage_ResendCode', request: { clientMetadata: { app: 'web' } } });
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana', ConfirmationCode: resent!.code }));
  t.same(await codes('ana'), [], 'the code works');
});

t.test('ForgotPassword, GetUserAttributeVerificationCode and UpdateUserAttributes send their trigger sources', async (t) => {
  const { cognito, clientId, codes, journal } = await start(t);
  await cognito.send(signUp(clientId, 'bo'));
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bo', ConfirmationCode: (await codes('bo'))[0]!.code }));
  await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bo' }));
  t.equal((await codes('bo')).find((c) => c.purpose === 'FORGOT_PASSWORD')!.message!.triggerSource, 'CustomMessage_ForgotPassword');

  const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bo', PASSWORD: password } }));
  const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
  await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
  t.equal((await codes('bo')).find((c) => c.purpose === 'VERIFY_ATTRIBUTE')!.message!.triggerSource, 'CustomMessage_VerifyUserAttribute');
  await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'bo@example.org' }] }));
  const update = (await codes('bo')).find((c) => c.purpose === 'VERIFY_ATTRIBUTE')!;
  t.match(update, { destination: 'bo@example.org', message: { triggerSource: 'CustomMessage_UpdateUserAttribute', emailMessage: `CustomMessage_UpdateUserAttribute: your code is ${update.code}.` } });
  const last = (await journal('CustomMessage')).at(-1)!;
  t.match(last.event, { request: { userAttributes: { email: 'bo@example.org', email_verified: 'false' } } }, 'the function sees the new address');
});

t.test('a message without the code placeholder is not used: Cognito sends its default message', async (t) => {
  const { cognito, clientId, codes } = await start(t);
  const answer = await cognito.send(signUp(clientId, 'cy', 'no-code'));
  t.equal(answer.UserConfirmed, false, 'the sign-up goes on');
  const [sent] = await codes('cy');
  t.match(sent!.message, { emailMessage: null, ignored: /emailMessage does not contain \{####\}/ });
});

t.test('a failing function: the error as Cognito relays it, and no user, no code', async (t) => {
  const { cognito, poolId, clientId, codes, journal } = await start(t);
  const rejected = await sdkError(cognito.send(signUp(clientId, 'dee', 'reject')));
  t.match(rejected, { name: 'UserLambdaValidationException', message: 'CustomMessage failed with error Mail is down.' });
  t.match(await sdkError(cognito.send(signUp(clientId, 'eve', 'number'))), { name: 'InvalidLambdaResponseException' });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, [], 'no user');

  await cognito.send(signUp(clientId, 'fay'));
  const [first] = await codes('fay');
  t.match(await sdkError(cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'fay', ClientMetadata: { mode: 'reject' } }))), { name: 'UserLambdaValidationException' });
  t.same(await codes('fay'), [first], 'the code sent before still stands');
  t.match((await journal('CustomMessage')).at(-1)!.error, { type: 'UserLambdaValidationException', kind: 'function-error' });
});
