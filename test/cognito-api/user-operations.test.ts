import {
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminListUserAuthEventsCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { call, resetBeforeEach } from '../helpers/idp.js';
import { alice, localPool, rawCall, sdkError, spa, startCognito } from '../helpers/cognito.js';

async function accessToken(cognito: CognitoIdentityProviderClient, USERNAME = alice.username, PASSWORD = alice.password) {
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME, PASSWORD } }));
  return out.AuthenticationResult!.AccessToken!;
}

// One server for the file, reset (configured users, no sign-ins or codes) before each test.
const { idp, cognito } = await startCognito(t);
resetBeforeEach(t, idp);

const attributesOf = (list: Array<{ Name?: string; Value?: string }> = []) => Object.fromEntries(list.map((a) => [a.Name, a.Value]));

t.test('DeleteUser: the user is gone, their tokens are refused, and they cannot sign in', async (t) => {
  const token = await accessToken(cognito);
  t.same(await rawCall(idp, 'DeleteUser', JSON.stringify({ AccessToken: token })).then((r) => [r.status, r.body]), [200, {}]);
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }))), { name: 'UserNotFoundException' });
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: token }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new DeleteUserCommand({ AccessToken: token }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(accessToken(cognito)), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new DeleteUserCommand({ AccessToken: 'garbage' }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new DeleteUserCommand({} as never))), { name: 'InvalidParameterException' });
});

t.test('GetUserAttributeVerificationCode: a code listed by the control API that VerifyUserAttribute takes', async (t) => {
  const token = await accessToken(cognito);
  const out = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' }));
  t.same(out.CodeDeliveryDetails, {
    AttributeName: 'phone_number',
    DeliveryMedium: 'SMS',
    Destination: `+*******${idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes.phone_number!.slice(-4)}`,
  });
  const codes = (await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes as Array<{ purpose: string; code: string; attributeName: string }>;
  const sent = codes.find((c) => c.purpose === 'VERIFY_ATTRIBUTE' && c.attributeName === 'phone_number')!;
  t.ok(sent, 'the code is listed');
  await cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'phone_number', Code: sent.code }));
  t.equal(attributesOf((await cognito.send(new GetUserCommand({ AccessToken: token }))).UserAttributes).phone_number_verified, 'true');

  const email = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }));
  t.match(email.CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL' });
});

t.test('GetUserAttributeVerificationCode refuses other attributes, missing values and bad tokens', async (t) => {
  const token = await accessToken(cognito);
  const ask = (AttributeName: string, AccessToken = token) => sdkError(cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName })));
  t.match(await ask('given_name'), { name: 'InvalidParameterException', message: 'Invalid attribute name. Only phone_number and email can be verified.' });
  t.match(await ask('custom:tenant'), { name: 'InvalidParameterException' });
  t.match(await ask('x'.repeat(33)), { name: 'InvalidParameterException' });
  t.match(await ask('email', 'garbage'), { name: 'NotAuthorizedException' });
  await cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['phone_number'] }));
  t.match(await ask('phone_number'), { name: 'InvalidParameterException' });
  t.same((await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes, [], 'no code was sent');
});

t.test('DeleteUserAttributes: the attributes are gone; email takes email_verified along', async (t) => {
  const token = await accessToken(cognito);
  await cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['given_name', 'custom:tenant', 'email', 'nickname'] }));
  const attributes = attributesOf((await cognito.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
  for (const gone of ['given_name', 'custom:tenant', 'email', 'email_verified']) t.notOk(gone in attributes, `${gone} is gone`);
  t.equal(attributes.family_name, 'Strosin', 'the others stay');
  t.ok(idp.services.directory.user(idp.services.directory.pool(), 'alice'), 'the user stays');
  await cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: [] }));
});

t.test('DeleteUserAttributes refuses sub and required attributes, changing nothing', async (t) => {
  const token = await accessToken(cognito);
  const before = structuredClone(idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes);
  const refused = await sdkError(cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['given_name', 'sub'] })));
  t.match(refused, { name: 'InvalidParameterException', message: 'Invalid user attributes: sub: Required attribute cannot be deleted.' });
  t.match(await sdkError(cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['x'.repeat(33)] }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new DeleteUserAttributesCommand({ AccessToken: 'garbage', UserAttributeNames: ['name'] }))), { name: 'NotAuthorizedException' });
  t.same(idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes, before);

  const pool = idp.services.directory.pool();
  pool.settings.SchemaAttributes.find((a) => a.Name === 'email')!.Required = true;
  t.match(await sdkError(cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['email'] }))), {
    name: 'InvalidParameterException',
    message: 'Invalid user attributes: email: Required attribute cannot be deleted.',
  });
});

t.test('AdminDeleteUserAttributes: the same for a user named by the administrator', async (t) => {
  await cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: localPool, Username: 'bob', UserAttributeNames: ['phone_number', 'name'] }));
  const bob = attributesOf((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'bob' }))).UserAttributes);
  for (const gone of ['phone_number', 'phone_number_verified', 'name']) t.notOk(gone in bob, `${gone} is gone`);
  t.equal(bob.email_verified, 'true');
  const admin = (Username: string, UserPoolId = localPool, UserAttributeNames = ['name']) => sdkError(cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames })));
  t.match(await admin('nobody'), { name: 'UserNotFoundException' });
  t.match(await admin('bob', 'us-east-1_Nope'), { name: 'ResourceNotFoundException' });
  t.match(await admin('bob', localPool, ['sub']), { name: 'InvalidParameterException' });
  t.ok(idp.services.directory.user(idp.services.directory.pool(), 'bob').sub);
});

t.test('ListDevices, AdminListDevices, AdminListUserAuthEvents: empty lists, real validation', async (t) => {
  const token = await accessToken(cognito);
  t.same((await cognito.send(new ListDevicesCommand({ AccessToken: token, Limit: 10 }))).Devices, []);
  t.same((await cognito.send(new AdminListDevicesCommand({ UserPoolId: localPool, Username: 'alice' }))).Devices, []);
  t.same((await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: localPool, Username: 'alice', MaxResults: 0 }))).AuthEvents, []);

  t.match(await sdkError(cognito.send(new ListDevicesCommand({ AccessToken: 'garbage' }))), { name: 'NotAuthorizedException' });
  t.match(await sdkError(cognito.send(new ListDevicesCommand({ AccessToken: token, Limit: 61 }))), {
    name: 'InvalidParameterException',
    message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
  });
  t.match(await sdkError(cognito.send(new ListDevicesCommand({ AccessToken: token, PaginationToken: 'made-up' }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new AdminListDevicesCommand({ UserPoolId: localPool, Username: 'nobody' }))), { name: 'UserNotFoundException' });
  t.match(await sdkError(cognito.send(new AdminListDevicesCommand({ UserPoolId: localPool, Username: 'alice', Limit: -1 }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new AdminListDevicesCommand({ UserPoolId: 'us-east-1_Nope', Username: 'alice' }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: localPool, Username: 'nobody' }))), { name: 'UserNotFoundException' });
  t.match(await sdkError(cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: localPool, Username: 'alice', MaxResults: 61 }))), {
    name: 'InvalidParameterException',
    message: /at 'maxResults'/,
  });
  t.match(await sdkError(cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: localPool, Username: 'alice', NextToken: 'made-up' }))), { name: 'InvalidParameterException' });
});
