import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { call } from '../helpers/idp.js';
import { alice, claimsOf, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';

const signIn = (cognito: CognitoIdentityProviderClient, USERNAME: string, PASSWORD: string) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME, PASSWORD } }));

const bob = 'Sarong-4121-kooky!';

const getUser = (cognito: CognitoIdentityProviderClient, Username: string) => cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username }));

t.test('AdminCreateUser: FORCE_CHANGE_PASSWORD with the TemporaryPassword, then NEW_PASSWORD_REQUIRED', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: localPool,
      Username: 'carla',
      TemporaryPassword: 'Temp-Pass-123!',
      UserAttributes: [{ Name: 'email', Value: 'carla@example.com' }],
      MessageAction: 'SUPPRESS',
    }),
  );
  const user = out.User!;
  t.match(user, { Username: 'carla', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
  t.ok(user.UserCreateDate instanceof Date, 'epoch seconds, which the SDK reads as a Date');
  t.equal(Math.floor(user.UserCreateDate!.getTime() / 1000), Math.floor(idp.clock.now() / 1000));
  t.equal(user.Attributes![0]!.Name, 'sub');
  t.match(user.Attributes, [
    { Name: 'sub', Value: /^[0-9a-f-]{36}$/ },
    { Name: 'email', Value: 'carla@example.com' },
  ]);
  const first = await signIn(cognito, 'carla', 'Temp-Pass-123!');
  t.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'carla' }))), { name: 'UsernameExistsException' });
  t.match(await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'weak', TemporaryPassword: 'weak' }))), { name: 'InvalidPasswordException' });
});

t.test('AdminCreateUser without a TemporaryPassword generates one, visible in GET /_mock/pools', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'gen' }));
  const pools = (await call(idp, 'GET', '/_mock/pools')).body.pools as Array<{ id: string; users: Array<{ username: string; password: string; status: string }> }>;
  const gen = pools.find((p) => p.id === localPool)!.users.find((u) => u.username === 'gen')!;
  t.equal(gen.status, 'FORCE_CHANGE_PASSWORD');
  t.equal((await signIn(cognito, 'gen', gen.password)).ChallengeName, 'NEW_PASSWORD_REQUIRED', 'the generated password meets the policy and works');
});

t.test('AdminSetUserPassword: Permanent makes the user CONFIRMED; otherwise FORCE_CHANGE_PASSWORD', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'dan', TemporaryPassword: 'Temp-Pass-123!' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'dan', Password: 'Perm-Pass-123!', Permanent: true }));
  t.equal((await getUser(cognito, 'dan')).UserStatus, 'CONFIRMED');
  t.ok((await signIn(cognito, 'dan', 'Perm-Pass-123!')).AuthenticationResult);
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'dan', Password: 'Temp-Again-123!' }));
  t.equal((await getUser(cognito, 'dan')).UserStatus, 'FORCE_CHANGE_PASSWORD');
  t.match(await sdkError(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'dan', Password: 'password', Permanent: true }))), {
    name: 'InvalidPasswordException',
    status: 400,
  });
  t.match(await sdkError(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'nobody', Password: 'Perm-Pass-123!' }))), { name: 'UserNotFoundException' });
});

t.test('AdminGetUser: attributes with sub, dates, status; UserNotFoundException for nobody', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await getUser(cognito, 'alice');
  const fixture = idp.services.directory.user(idp.services.directory.pool(), 'alice');
  t.match(out, { Username: 'alice', Enabled: true, UserStatus: 'CONFIRMED' });
  t.ok(out.UserCreateDate instanceof Date && out.UserLastModifiedDate instanceof Date);
  t.same(Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value])), { sub: fixture.sub, ...fixture.attributes });
  t.match(await sdkError(getUser(cognito, 'nobody')), { name: 'UserNotFoundException', status: 400, message: 'User does not exist.' });
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Nope', Username: 'alice' }))), { name: 'ResourceNotFoundException' });
});

t.test('AdminAddUserToGroup / AdminRemoveUserFromGroup: the next tokens carry the groups', async (t) => {
  const { cognito } = await startCognito(t);
  t.notOk('cognito:groups' in claimsOf((await signIn(cognito, 'bob', bob)).AuthenticationResult!.AccessToken!));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'bob', GroupName: 'editors' }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'bob', GroupName: 'editors' }));
  const tokens = (await signIn(cognito, 'bob', bob)).AuthenticationResult!;
  t.same(claimsOf(tokens.AccessToken!)['cognito:groups'], ['editors']);
  t.same(claimsOf(tokens.IdToken!)['cognito:groups'], ['editors']);
  const listed = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: localPool, Username: 'bob' }));
  t.same(
    listed.Groups?.map((g) => g.GroupName),
    ['editors'],
  );
  await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: localPool, Username: 'bob', GroupName: 'editors' }));
  t.notOk('cognito:groups' in claimsOf((await signIn(cognito, 'bob', bob)).AuthenticationResult!.AccessToken!));
  t.match(await sdkError(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'nobody', GroupName: 'x' }))), { name: 'UserNotFoundException' });
});

t.test('AdminUpdateUserAttributes changes claims; AdminDeleteUser removes the user', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: localPool, Username: 'alice', UserAttributes: [{ Name: 'custom:tenant', Value: 'initech' }] }));
  t.equal(claimsOf((await signIn(cognito, 'alice', alice.password)).AuthenticationResult!.IdToken!)['custom:tenant'], 'initech');
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.match(await sdkError(getUser(cognito, 'alice')), { name: 'UserNotFoundException' });
  t.match(await sdkError(signIn(cognito, 'alice', alice.password)), { name: 'NotAuthorizedException' });
});

t.test("AdminUserGlobalSignOut ends the user's sign-ins", async (t) => {
  const { cognito } = await startCognito(t);
  const tokens = (await signIn(cognito, 'alice', alice.password)).AuthenticationResult!;
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: localPool, Username: 'alice' }));
  const refresh = cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: spa, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }));
  t.match(await sdkError(refresh), { name: 'NotAuthorizedException' });
});
