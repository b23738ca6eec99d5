import { AdminCreateUserCommand, AdminGetUserCommand, AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { passwordSignIn, poolWith, signUpTo, strongPassword } from '../helpers/settings-pool.js';

/**
 * A username may not be chosen to stand in front of another user: not another user's sub (any pool),
 * nor, where users are found by it, another user's email or phone number.
 */
t.test("configured pools: a username equal to another user's sub or email is refused", async (t) => {
  const { cognito } = await startCognito(t);
  const real = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: alice.username }));
  const sub = real.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
  const email = real.UserAttributes!.find((a) => a.Name === 'email')!.Value!;

  t.match(await sdkError(signUpTo(cognito, spa, sub)), { name: 'UsernameExistsException' });
  t.match(await sdkError(signUpTo(cognito, spa, email.toUpperCase())), { name: 'UsernameExistsException', message: 'An account with the given email already exists.' });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: sub }))), { name: 'UsernameExistsException' });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: email }))), { name: 'UsernameExistsException' });

  // Found by sub or email: always alice.
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: sub }))).Username, alice.username);
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: email }))).Username, alice.username);
  t.ok((await passwordSignIn(cognito, spa, email, alice.password)).AuthenticationResult, 'alice signs in by email');
});

t.test("configured pools: another user taking alice's email as an attribute does not shadow her", async (t) => {
  const { cognito } = await startCognito(t);
  const real = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: alice.username }));
  const email = real.UserAttributes!.find((a) => a.Name === 'email')!.Value!;
  await signUpTo(cognito, spa, 'mallory', [{ Name: 'email', Value: email }]);
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: email }))).Username, alice.username, 'the earlier holder');
  t.match(await sdkError(passwordSignIn(cognito, spa, email)), { name: 'NotAuthorizedException' }, "mallory's password does not open alice's email");
});

t.test('API pools: a sub is never a username; the sub finds its own user', async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito);
  const { UserSub } = await signUpTo(cognito, clientId, 'quinn');
  t.match(await sdkError(signUpTo(cognito, clientId, UserSub!)), { name: 'UsernameExistsException' });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: UserSub!.toUpperCase() }))), { name: 'UsernameExistsException' });
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: UserSub! }))).Username, 'quinn');
});

t.test("UsernameAttributes [phone_number]: another user's phone number is refused at creation and on update", async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId } = await poolWith(cognito, { UsernameAttributes: ['phone_number'] });
  const first = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15550002222', TemporaryPassword: strongPassword }));
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15550002222' }))), {
    name: 'UsernameExistsException',
    message: 'An account with the given phone_number already exists.',
  });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: first.User!.Username! }))), {
    name: 'InvalidParameterException',
    message: 'Username should be a phone number.',
  });
  const second = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15550003333' }));
  t.match(
    await sdkError(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: second.User!.Username!, UserAttributes: [{ Name: 'phone_number', Value: '+15550002222' }] }))),
    {
      name: 'AliasExistsException',
    },
  );
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: '+15550002222' }))).Username, first.User!.Username);
});

t.test("AliasAttributes [preferred_username]: a username equal to another user's preferred_username is refused", async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito, { AliasAttributes: ['preferred_username'] });
  await signUpTo(cognito, clientId, 'rae', [{ Name: 'preferred_username', Value: 'boss' }]);
  t.match(await sdkError(signUpTo(cognito, clientId, 'BOSS')), { name: 'UsernameExistsException' });
  t.match(await sdkError(signUpTo(cognito, clientId, 'sam', [{ Name: 'preferred_username', Value: 'rae' }])), { name: 'AliasExistsException' }, "another user's username");
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'boss' }))).Username, 'rae');
});
