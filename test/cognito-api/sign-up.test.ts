import {
  AdminConfirmSignUpCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { call, type TestIdp } from '../helpers/idp.js';
import { backend, claimsOf, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';

const password = 'Sunny-Day-2030!';

const signUp = (cognito: CognitoIdentityProviderClient, Username = 'newbie', extra: Partial<ConstructorParameters<typeof SignUpCommand>[0]> = {}) =>
  cognito.send(new SignUpCommand({ ClientId: spa, Username, Password: password, UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }], ...extra }));

/** The codes mock-idp "sent" the user, from the control API. */
async function codes(idp: TestIdp, username: string) {
  const res = await call(idp, 'GET', `/_mock/pools/${localPool}/users/${username}/codes`);
  return res.body.codes as Array<{ purpose: string; code: string; attributeName: string; destination: string }>;
}

const signIn = (cognito: CognitoIdentityProviderClient, USERNAME: string, PASSWORD = password) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME, PASSWORD } }));

t.test('SignUp → the code from the control API → ConfirmSignUp → sign-in', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await signUp(cognito);
  t.equal(out.UserConfirmed, false);
  t.match(out.UserSub, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.same(out.CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' });
  const [sent] = await codes(idp, 'newbie');
  t.match(sent, { purpose: 'SIGN_UP', code: /^\d{6}$/, attributeName: 'email', destination: 'newbie@example.com' });

  t.match(await sdkError(signIn(cognito, 'newbie')), { name: 'UserNotConfirmedException' });
  const wrongCode = sent!.code === '000000' ? '111111' : '000000';
  t.match(await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'newbie', ConfirmationCode: wrongCode }))), {
    name: 'CodeMismatchException',
    status: 400,
    message: 'Invalid verification code provided, please try again.',
  });
  await cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'newbie', ConfirmationCode: sent!.code }));
  t.same(await codes(idp, 'newbie'), [], 'a used code is gone');
  const again = await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'newbie', ConfirmationCode: sent!.code })));
  t.match(again, { name: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED' });

  const tokens = (await signIn(cognito, 'newbie')).AuthenticationResult!;
  t.match(claimsOf(tokens.IdToken!), { sub: out.UserSub, 'cognito:username': 'newbie', email: 'newbie@example.com', email_verified: true });
  t.notOk('cognito:groups' in claimsOf(tokens.IdToken!));
});

t.test('SignUp refuses a taken username, a weak password, an unknown attribute', async (t) => {
  const { cognito } = await startCognito(t);
  t.match(await sdkError(signUp(cognito, 'alice')), { name: 'UsernameExistsException', status: 400 });
  t.match(await sdkError(signUp(cognito, 'ALICE')), { name: 'UsernameExistsException' }, 'usernames are case-insensitive');
  for (const weak of ['Short1!', 'no-upper-123!', 'NO-LOWER-123!', 'No-Digits-here!', 'NoSymbols123']) {
    t.match(await sdkError(signUp(cognito, 'weak', { Password: weak })), { name: 'InvalidPasswordException' }, weak);
  }
  const odd = await sdkError(signUp(cognito, 'odd', { UserAttributes: [{ Name: 'shoe_size', Value: '44' }] }));
  t.match(odd, { name: 'InvalidParameterException' });
});

t.test('a client with a secret needs SecretHash on SignUp', async (t) => {
  const { cognito } = await startCognito(t);
  const err = await sdkError(signUp(cognito, 'hashless', { ClientId: backend.id }));
  t.match(err, { name: 'NotAuthorizedException', message: `Client ${backend.id} is configured with secret but SECRET_HASH was not received` });
  const ok = await signUp(cognito, 'hashed', { ClientId: backend.id, SecretHash: secretHash(backend.secret, 'hashed', backend.id) });
  t.equal(ok.UserConfirmed, false);
});

t.test('codes expire after 24 hours; ResendConfirmationCode sends a new one', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await signUp(cognito);
  const [old] = await codes(idp, 'newbie');
  idp.baseClock.advanceBy(24 * 3_600_000 + 1000);
  const expired = await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'newbie', ConfirmationCode: old!.code })));
  t.match(expired, { name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
  const resent = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: spa, Username: 'newbie' }));
  t.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
  const current = await codes(idp, 'newbie');
  t.equal(current.length, 1, 'the new code replaces the old');
  await cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'newbie', ConfirmationCode: current[0]!.code }));
});

t.test('ConfirmSignUp for an unknown user: CodeMismatchException (PreventUserExistenceErrors)', async (t) => {
  const { cognito } = await startCognito(t);
  const err = await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: spa, Username: 'nobody', ConfirmationCode: '123456' })));
  t.match(err, { name: 'CodeMismatchException' });
});

t.test('AdminConfirmSignUp confirms without a code', async (t) => {
  const { cognito } = await startCognito(t);
  await signUp(cognito);
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: localPool, Username: 'newbie' }));
  t.ok((await signIn(cognito, 'newbie')).AuthenticationResult);
});

t.test('ForgotPassword → code → ConfirmForgotPassword sets the new password', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(new ForgotPasswordCommand({ ClientId: spa, Username: 'bob' }));
  t.equal(out.CodeDeliveryDetails?.AttributeName, 'email');
  const [sent] = (await codes(idp, 'bob')).filter((c) => c.purpose === 'FORGOT_PASSWORD');
  const confirm = (Password: string) => cognito.send(new ConfirmForgotPasswordCommand({ ClientId: spa, Username: 'bob', ConfirmationCode: sent!.code, Password }));
  t.match(await sdkError(confirm('weak')), { name: 'InvalidPasswordException' });
  await confirm('Reset-Done-2030!');
  t.ok((await signIn(cognito, 'bob', 'Reset-Done-2030!')).AuthenticationResult);
});

t.test('POST /_mock/reset forgets users made at run time and their codes', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await signUp(cognito);
  t.equal((await call(idp, 'POST', '/_mock/reset')).status, 200);
  t.equal((await call(idp, 'GET', `/_mock/pools/${localPool}/users/newbie/codes`)).body.code, 'UNKNOWN_USER');
  t.ok((await signUp(cognito)).UserSub, 'the username is free again');
});
