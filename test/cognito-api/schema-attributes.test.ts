import {
  AddCustomAttributesCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  DescribeUserPoolCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { passwordSignIn, poolWith, signUpTo, strongPassword } from '../helpers/settings-pool.js';

const Schema = [
  { Name: 'email', AttributeDataType: 'String' as const, Required: true, Mutable: true },
  { Name: 'tier', AttributeDataType: 'String' as const, Mutable: false, StringAttributeConstraints: { MinLength: '2', MaxLength: '5' } },
  { Name: 'age', AttributeDataType: 'Number' as const, Mutable: true, NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
];

t.test("SignUp checks the pool's schema: unknown, required, lengths, numbers", async (t) => {
  const { cognito } = await startCognito(t);
  const { clientId } = await poolWith(cognito, { Schema });
  const email = { Name: 'email', Value: 'lee@example.com' };
  t.match(await sdkError(signUpTo(cognito, clientId, 'lee', [email, { Name: 'custom:x', Value: '1' }])), {
    name: 'InvalidParameterException',
    message: 'Attributes did not conform to the schema: custom:x: Attribute does not exist in the schema.',
  });
  t.match(await sdkError(signUpTo(cognito, clientId, 'lee', [])), { name: 'InvalidParameterException', message: 'Attributes did not conform to the schema: email: The attribute is required' });
  t.match(await sdkError(signUpTo(cognito, clientId, 'lee', [email, { Name: 'custom:tier', Value: 'platinum' }])), { name: 'InvalidParameterException' });
  t.match(await sdkError(signUpTo(cognito, clientId, 'lee', [email, { Name: 'custom:age', Value: 'old' }])), { name: 'InvalidParameterException' });
  t.match(await sdkError(signUpTo(cognito, clientId, 'lee', [email, { Name: 'custom:age', Value: '151' }])), { name: 'InvalidParameterException' });
  const ok = await signUpTo(cognito, clientId, 'lee', [email, { Name: 'custom:tier', Value: 'gold' }, { Name: 'custom:age', Value: '42' }]);
  t.ok(ok.UserSub);
});

t.test('immutable attributes: set at creation, refused by UpdateUserAttributes and AdminUpdateUserAttributes', async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito, { Schema });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'max', TemporaryPassword: strongPassword, UserAttributes: [{ Name: 'custom:tier', Value: 'gold' }] }));
  t.pass('AdminCreateUser may leave the required email out');
  const refused = await sdkError(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'max', UserAttributes: [{ Name: 'custom:tier', Value: 'iron' }] })));
  t.match(refused, { name: 'InvalidParameterException', message: 'Cannot modify an immutable attribute: custom:tier' });
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'max' }));
  t.equal(user.UserAttributes!.find((a) => a.Name === 'custom:tier')?.Value, 'gold', 'unchanged');

  await signUpTo(cognito, clientId, 'ned', [{ Name: 'email', Value: 'ned@example.com' }]);
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'ned', UserAttributes: [{ Name: 'custom:age', Value: '30' }] }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'ned' }));
  const { AccessToken } = (await passwordSignIn(cognito, clientId, 'ned')).AuthenticationResult!;
  t.match(await sdkError(cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:tier', Value: 'gold' }] }))), {
    message: 'Cannot modify an immutable attribute: custom:tier',
  });
});

t.test('AddCustomAttributes adds custom:<Name>; a name already there, a required one, the 51st are refused', async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito, { Schema });
  await cognito.send(
    new AddCustomAttributesCommand({
      UserPoolId: poolId,
      CustomAttributes: [
        { Name: 'team', AttributeDataType: 'String' },
        { Name: 'email', AttributeDataType: 'Number' },
      ],
    }),
  );
  const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  t.match(
    UserPool!.SchemaAttributes!.find((a) => a.Name === 'custom:team'),
    { AttributeDataType: 'String', Mutable: true, Required: false },
  );
  t.match(
    UserPool!.SchemaAttributes!.find((a) => a.Name === 'custom:email'),
    { AttributeDataType: 'Number' },
    'a standard name becomes a custom one',
  );
  t.ok(
    (
      await signUpTo(cognito, clientId, 'oz', [
        { Name: 'email', Value: 'oz@example.com' },
        { Name: 'custom:team', Value: 'red' },
      ])
    ).UserSub,
  );

  const add = (CustomAttributes: Array<Record<string, unknown>>) => cognito.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: CustomAttributes }));
  t.match(await sdkError(add([{ Name: 'team', AttributeDataType: 'String' }])), { name: 'InvalidParameterException', message: /custom:team/ });
  t.match(await sdkError(add([{ Name: 'vip', AttributeDataType: 'Boolean', Required: true }])), {
    name: 'InvalidParameterException',
    message: 'Required custom attributes are not supported currently.',
  });
  t.match(await sdkError(add([{ Name: 'bad', AttributeDataType: 'Text' }])), { name: 'InvalidParameterException', message: /customAttributes\.1\.member\.attributeDataType/ });
  t.match(await sdkError(cognito.send(new AddCustomAttributesCommand({ UserPoolId: 'us-east-1_nope', CustomAttributes: [{ Name: 'x' }] }))), { name: 'ResourceNotFoundException' });
  // tier, age (the Schema), team, email: 4 so far; 46 more fit, the 47th does not.
  await add(Array.from({ length: 25 }, (_, i) => ({ Name: `a${i}`, AttributeDataType: 'String' })));
  t.match(await sdkError(add(Array.from({ length: 22 }, (_, i) => ({ Name: `b${i}`, AttributeDataType: 'String' })))), { name: 'InvalidParameterException' });
  const after = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  t.equal(after.UserPool!.SchemaAttributes!.filter((a) => a.Name!.startsWith('custom:')).length, 29, 'the refused request added nothing');
  await add(Array.from({ length: 21 }, (_, i) => ({ Name: `b${i}`, AttributeDataType: 'String' })));
});

t.test('configured pools accept any custom:* attribute, as before', async (t) => {
  const { cognito } = await startCognito(t);
  const out = await signUpTo(cognito, spa, 'pat', [
    { Name: 'email', Value: 'pat@example.com' },
    { Name: 'custom:anything', Value: 'yes' },
  ]);
  t.ok(out.UserSub);
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'pat' }));
  t.equal(user.UserAttributes!.find((a) => a.Name === 'custom:anything')?.Value, 'yes');
});
