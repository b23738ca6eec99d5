import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { claimsOf, sdkError, startCognito } from '../helpers/cognito.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { codesOf, passwordSignIn, poolWith, signUpTo, strongPassword } from '../helpers/settings-pool.js';

// One server for the file: each test makes its own pool. Its keys reuse the test keys (RSA generation is not the point here).
const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });

t.test('UsernameAttributes [email]: the username is the sub, the email signs in', async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });

  t.match(await sdkError(signUpTo(cognito, clientId, 'carol')), { name: 'InvalidParameterException', message: 'Username should be an email.' });
  const { UserSub } = await signUpTo(cognito, clientId, 'carol@example.com');
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol@example.com' }));
  t.equal(user.Username, UserSub, 'the username is the sub');
  t.match(user.UserAttributes, [
    { Name: 'sub', Value: UserSub },
    { Name: 'email', Value: 'carol@example.com' },
  ]);

  t.match(await sdkError(signUpTo(cognito, clientId, 'CAROL@example.com')), { name: 'UsernameExistsException', message: 'An account with the given email already exists.' });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol@example.com' }))), { name: 'UsernameExistsException' });

  const [code] = await codesOf(idp, poolId, UserSub!);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'carol@example.com', ConfirmationCode: code!.code }));
  const tokens = (await passwordSignIn(cognito, clientId, 'carol@example.com')).AuthenticationResult!;
  t.match(claimsOf(tokens.IdToken!), { sub: UserSub, 'cognito:username': UserSub, email: 'carol@example.com', email_verified: true });
  const admin = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol@example.com', PASSWORD: strongPassword } }),
  );
  t.ok(admin.AuthenticationResult?.IdToken);
  t.match(await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'carol@example.com' })), { CodeDeliveryDetails: { AttributeName: 'email' } });

  // Another user may not take carol's email.
  const dave = await signUpTo(cognito, clientId, 'dave@example.com');
  t.match(await sdkError(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: dave.UserSub!, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }))), {
    name: 'AliasExistsException',
    message: 'An account with the given email already exists.',
  });
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'dave@example.com', UserAttributes: [{ Name: 'email', Value: 'dave2@example.com' }] }));
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave2@example.com' })), { Username: dave.UserSub }, 'the index follows the change');
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave@example.com' }))), { name: 'UserNotFoundException' });
});

t.test("UsernameAttributes [email, phone_number]: either signs in; anything else is refused in Cognito's words", async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { UsernameAttributes: ['email', 'phone_number'] });
  t.match(await sdkError(signUpTo(cognito, clientId, 'erin')), { name: 'InvalidParameterException', message: 'Username should be either an email or a phone number.' });
  const created = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15551230000', TemporaryPassword: strongPassword }));
  t.match(created.User, { Username: /^[0-9a-f-]{36}$/, Attributes: [{ Name: 'sub' }, { Name: 'phone_number', Value: '+15551230000' }] });
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: '+15551230000', Password: strongPassword, Permanent: true }));
  t.ok((await passwordSignIn(cognito, clientId, '+15551230000')).AuthenticationResult);
  t.ok((await passwordSignIn(cognito, clientId, created.User!.Username!)).AuthenticationResult, 'the username (the sub) signs in too');
});

t.test('AliasAttributes: username, verified email, phone only once verified, preferred_username always', async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { AliasAttributes: ['email', 'preferred_username'], AutoVerifiedAttributes: ['email'] });

  t.match(await sdkError(signUpTo(cognito, clientId, 'fay@example.com')), {
    name: 'InvalidParameterException',
    message: 'Username cannot be of email format, since user pool is configured for email alias.',
  });
  await signUpTo(cognito, clientId, 'fay', [
    { Name: 'email', Value: 'fay@example.com' },
    { Name: 'preferred_username', Value: 'FayF' },
  ]);
  t.match(await sdkError(passwordSignIn(cognito, clientId, 'fay@example.com')), { name: /^(UserNotFoundException|NotAuthorizedException)$/ }, 'an unverified email is no alias');
  t.match(await sdkError(passwordSignIn(cognito, clientId, 'fayf')), { name: 'UserNotConfirmedException' }, 'preferred_username finds her (case-insensitive)');

  // The sign-up code verifies the email: now it is an alias.
  const [code] = await codesOf(idp, poolId, 'fay');
  t.equal(code!.attributeName, 'email');
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'fay', ConfirmationCode: code!.code }));
  t.equal(claimsOf((await passwordSignIn(cognito, clientId, 'fay@example.com')).AuthenticationResult!.IdToken!)['cognito:username'], 'fay');
  t.ok((await passwordSignIn(cognito, clientId, 'FAYF')).AuthenticationResult, 'and preferred_username signs in');

  await signUpTo(cognito, clientId, 'gus', [{ Name: 'email', Value: 'fay@example.com' }]);
  // gus confirms the same email: AliasExistsException, unless ForceAliasCreation moves the alias to him.
  const [gusCode] = await codesOf(idp, poolId, 'gus');
  const confirmGus = (ForceAliasCreation: boolean) => cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'gus', ConfirmationCode: gusCode!.code, ForceAliasCreation }));
  t.match(await sdkError(confirmGus(false)), { name: 'AliasExistsException', message: 'An account with the given email already exists.' });
  await confirmGus(true);
  t.equal(claimsOf((await passwordSignIn(cognito, clientId, 'fay@example.com')).AuthenticationResult!.IdToken!)['cognito:username'], 'gus', 'the alias moved');
  const fay = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'fay' }));
  t.equal(fay.UserAttributes!.find((a) => a.Name === 'email_verified')?.Value, 'false', "fay's email is no longer verified");

  // preferred_username held by another user: AliasExistsException on update.
  const { AccessToken } = (await passwordSignIn(cognito, clientId, 'gus')).AuthenticationResult!;
  t.match(await sdkError(cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'preferred_username', Value: 'fayf' }] }))), { name: 'AliasExistsException' });
  await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'preferred_username', Value: 'gussie' }] }));
  t.ok((await passwordSignIn(cognito, clientId, 'gussie')).AuthenticationResult);
});

t.test('AliasAttributes [phone_number]: AdminCreateUser with a verified phone another user verified', async (t) => {
  const { poolId, clientId } = await poolWith(cognito, { AliasAttributes: ['phone_number'] });
  const verifiedPhone = [
    { Name: 'phone_number', Value: '+15550001111' },
    { Name: 'phone_number_verified', Value: 'true' },
  ];
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15550001111' }))), { name: 'InvalidParameterException' });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hal', UserAttributes: verifiedPhone, TemporaryPassword: strongPassword }));
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ida', UserAttributes: verifiedPhone }))), { name: 'AliasExistsException' });
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ida' }))), { name: 'UserNotFoundException' }, 'refused: nothing created');
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ida', UserAttributes: verifiedPhone, ForceAliasCreation: true, TemporaryPassword: strongPassword }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ida', Password: strongPassword, Permanent: true }));
  t.equal(claimsOf((await passwordSignIn(cognito, clientId, '+15550001111')).AuthenticationResult!.IdToken!)['cognito:username'], 'ida');
});
