import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { call } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';

const start = async (t: Parameters<typeof startCognito>[0]) => startCognito(t, { keyFactory: await fastKeyFactory() });

t.test('CreateUserPool: a pool in the server region with defaults; DescribeUserPool describes it', async (t) => {
  const { idp, cognito } = await start(t);
  const created = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'My pool' }))).UserPool!;
  t.match(created.Id, /^us-east-1_[A-Za-z0-9]{9}$/);
  t.equal(created.Name, 'My pool');
  t.equal(created.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${created.Id}`);
  t.ok(created.CreationDate instanceof Date);
  t.equal(created.CreationDate!.getTime(), idp.clock.now());
  t.equal(created.EstimatedNumberOfUsers, 0);
  t.same(created.Policies!.PasswordPolicy, { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 });
  t.equal(created.DeletionProtection, 'INACTIVE');
  t.equal(created.MfaConfiguration, 'OFF');
  t.equal(created.UserPoolTier, 'ESSENTIALS');
  t.same(created.LambdaConfig, {});
  t.equal(created.SchemaAttributes![0]!.Name, 'sub');
  t.ok(created.SchemaAttributes!.some((a) => a.Name === 'email'));
  t.equal(created.Domain, undefined);

  const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }))).UserPool!;
  t.same(described, created);
  t.equal(idp.services.directory.pool(created.Id).origin, 'api');
});

t.test('CreateUserPool stores what it is given under Cognito names and describes it back', async (t) => {
  const { idp, cognito } = await start(t);
  const input: CreateUserPoolCommandInput = {
    PoolName: 'settings',
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true, TemporaryPasswordValidityDays: 3 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    Schema: [
      { Name: 'tenant', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
      { Name: 'level', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '10' } },
      { Name: 'email', Required: true, Mutable: true },
    ],
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    DeletionProtection: 'ACTIVE',
    UserPoolTags: { team: 'auth' },
    MfaConfiguration: 'OPTIONAL',
    LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up' },
    UserPoolTier: 'PLUS',
    UsernameConfiguration: { CaseSensitive: false },
    EmailVerificationSubject: 'Your code',
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  };
  const { UserPool: pool } = await cognito.send(new CreateUserPoolCommand(input));
  const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool!.Id }))).UserPool!;
  t.same(described.Policies, {
    PasswordPolicy: { MinimumLength: 12, RequireUppercase: false, RequireLowercase: false, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 },
    SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
  });
  t.match(
    described.SchemaAttributes!.find((a) => a.Name === 'custom:tenant'),
    {
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    },
  );
  t.match(
    described.SchemaAttributes!.find((a) => a.Name === 'custom:level'),
    { AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '10' } },
  );
  t.match(
    described.SchemaAttributes!.find((a) => a.Name === 'email'),
    { Required: true, AttributeDataType: 'String' },
  );
  for (const member of [
    'UsernameAttributes',
    'AutoVerifiedAttributes',
    'DeletionProtection',
    'UserPoolTags',
    'MfaConfiguration',
    'LambdaConfig',
    'UserPoolTier',
    'UsernameConfiguration',
    'EmailVerificationSubject',
    'AccountRecoverySetting',
    'DeviceConfiguration',
  ] as const) {
    t.same(described[member], input[member], member);
  }
  t.same(described.AdminCreateUserConfig, { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 7 });
  // The model keeps the same names, for the operations that act on them.
  const settings = idp.services.directory.pool(pool!.Id).settings;
  t.equal(settings.Policies.PasswordPolicy.MinimumLength, 12);
  t.same(settings.UsernameAttributes, ['email']);
});

t.test('CreateUserPool refuses bad input with InvalidParameterException and creates nothing', async (t) => {
  const { idp, cognito } = await start(t);
  const before = idp.services.directory.pools().length;
  const keysBefore = idp.services.keyRing.pools.length;
  const bad = async (input: Partial<CreateUserPoolCommandInput>) => {
    const error = await sdkError(cognito.send(new CreateUserPoolCommand({ PoolName: 'p', ...input })));
    t.equal(error.name, 'InvalidParameterException', JSON.stringify(input).slice(0, 80));
    return error.message;
  };
  t.match(await bad({ PoolName: 'no/slashes' }), /'poolName'.*regular expression pattern/);
  t.match(await bad({ PoolName: 'x'.repeat(129) }), /'poolName'.*less than or equal to 128/);
  t.match(await bad({ PoolName: '' }), /poolName/);
  t.match(await bad({ DeletionProtection: 'MAYBE' as never }), /'deletionProtection'.*enum value set: \[ACTIVE, INACTIVE\]/);
  t.match(await bad({ MfaConfiguration: 'SOMETIMES' as never }), /'mfaConfiguration'/);
  t.match(await bad({ UserPoolTier: 'GOLD' as never }), /'userPoolTier'/);
  t.match(await bad({ UsernameAttributes: ['preferred_username' as never] }), /'usernameAttributes'/);
  t.match(await bad({ AliasAttributes: ['nickname' as never] }), /'aliasAttributes'/);
  t.match(await bad({ Policies: { PasswordPolicy: { MinimumLength: 5 } } }), /'policies.passwordPolicy.minimumLength'.*greater than or equal to 6/);
  t.match(await bad({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 366 } } }), /temporaryPasswordValidityDays/);
  t.match(await bad({ AdminCreateUserConfig: { UnusedAccountValidityDays: 400 } }), /adminCreateUserConfig.unusedAccountValidityDays/);
  t.match(await bad({ UsernameAttributes: ['email'], AliasAttributes: ['preferred_username'] }), /UsernameAttributes and AliasAttributes/);
  t.match(await bad({ LambdaConfig: { PreSignUp: 'not-an-arn' } }), /lambdaConfig.preSignUp/);
  t.match(await bad({ UserPoolTags: { ['k'.repeat(129)]: 'v' } }), /userPoolTags/);
  // The schema, as Cognito checks it.
  t.equal(await bad({ Schema: [{ Name: 'tenant', AttributeDataType: 'String', Required: true }] }), 'Required custom attributes are not supported currently.');
  t.match(await bad({ Schema: [{ Name: 'a'.repeat(21), AttributeDataType: 'String' }] }), /schema.1.member.name/);
  t.match(await bad({ Schema: [{ Name: 'ok', AttributeDataType: 'Text' as never }] }), /schema.1.member.attributeDataType/);
  t.match(
    await bad({
      Schema: [
        { Name: 'x', AttributeDataType: 'String' },
        { Name: 'x', AttributeDataType: 'Number' },
      ],
    }),
    /Duplicate/,
  );
  t.match(await bad({ Schema: [{ Name: 'x', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '4096' } }] }), /MaxLength/);
  t.match(await bad({ Schema: [{ Name: 'x', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '9', MaxLength: '3' } }] }), /MinLength/);
  t.match(await bad({ Schema: [{ Name: 'n', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: 'low' } }] }), /MinValue/);
  t.match(await bad({ Schema: [{ Name: 'email', AttributeDataType: 'Number' }] }), /email/);
  t.equal(idp.services.directory.pools().length, before);
  t.equal(idp.services.keyRing.pools.length, keysBefore);
});

t.test('configured pools describe with the default settings', async (t) => {
  const { cognito } = await start(t);
  const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: localPool }))).UserPool!;
  t.equal(pool.Id, localPool);
  t.equal(pool.Name, 'LocalPool');
  t.equal(pool.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${localPool}`);
  t.ok(pool.EstimatedNumberOfUsers! > 0);
  t.equal(pool.DeletionProtection, 'INACTIVE');
  t.ok(pool.SchemaAttributes!.length > 10);
  t.match(await sdkError(cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Nope12345' }))), {
    name: 'ResourceNotFoundException',
    message: 'User pool us-east-1_Nope12345 does not exist.',
  });
});

t.test('UpdateUserPool sets what is given and resets the rest to defaults; the schema and sign-in attributes stay', async (t) => {
  const { idp, cognito } = await start(t);
  const { UserPool: pool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'to-update',
      Policies: { PasswordPolicy: { MinimumLength: 14 } },
      MfaConfiguration: 'OPTIONAL',
      UserPoolTags: { a: '1' },
      AliasAttributes: ['preferred_username'],
      Schema: [{ Name: 'tenant', AttributeDataType: 'String' }],
      EmailVerificationSubject: 'code',
      UserPoolTier: 'PLUS',
    }),
  );
  const id = pool!.Id!;
  idp.baseClock.advanceBy(5000);
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'ACTIVE', AutoVerifiedAttributes: ['email'], PoolName: 'renamed' }));
  const after = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
  t.equal(after.DeletionProtection, 'ACTIVE');
  t.same(after.AutoVerifiedAttributes, ['email']);
  t.equal(after.Name, 'renamed');
  // Left out: back to the defaults.
  t.equal(after.Policies!.PasswordPolicy!.MinimumLength, 8);
  t.equal(after.MfaConfiguration, 'OFF');
  t.same(after.UserPoolTags, {});
  t.equal(after.EmailVerificationSubject, undefined);
  // Not updatable this way: kept.
  t.same(after.AliasAttributes, ['preferred_username']);
  t.ok(after.SchemaAttributes!.some((a) => a.Name === 'custom:tenant'));
  t.equal(after.UserPoolTier, 'PLUS');
  t.equal(after.LastModifiedDate!.getTime() - pool!.LastModifiedDate!.getTime(), 5000);
  t.same(after.CreationDate, pool!.CreationDate);

  const error = await sdkError(cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, MfaConfiguration: 'NEVER' as never })));
  t.equal(error.name, 'InvalidParameterException');
  t.equal((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!.DeletionProtection, 'ACTIVE', 'bad input changes nothing');
  t.match(await sdkError(cognito.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_Nope12345' }))), { name: 'ResourceNotFoundException' });
});

t.test('ListUserPools: every pool, MaxResults at a time with NextToken', async (t) => {
  const { idp, cognito } = await start(t);
  for (const name of ['one', 'two', 'three']) await cognito.send(new CreateUserPoolCommand({ PoolName: name, LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }));
  const all = idp.services.directory.pools().map((p) => p.id);
  const seen: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
    t.ok(page.UserPools!.length <= 2);
    for (const p of page.UserPools!) {
      t.same(Object.keys(p).sort(), ['CreationDate', 'Id', 'LambdaConfig', 'LastModifiedDate', 'Name']);
      t.ok(p.CreationDate instanceof Date);
    }
    seen.push(...page.UserPools!.map((p) => p.Id!));
    NextToken = page.NextToken;
  } while (NextToken);
  t.same(seen, all);
  const listed = (await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!;
  t.same(listed.find((p) => p.Name === 'two')!.LambdaConfig, { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:f' });

  t.match(await sdkError(cognito.send(new ListUserPoolsCommand({ MaxResults: 0 }))), { name: 'InvalidParameterException', message: /maxResults/ });
  t.match(await sdkError(cognito.send(new ListUserPoolsCommand({ MaxResults: 61 }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new ListUserPoolsCommand({} as never))), { name: 'InvalidParameterException', message: /maxResults.*must not be null/ });
  t.match(await sdkError(cognito.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'garbage!' }))), { name: 'InvalidParameterException' });
});

t.test('DeleteUserPool: gone with its keys, clients and users; refused while protected, for the default pool, for an unknown pool', async (t) => {
  const { idp, cognito } = await start(t);
  const { UserPool: pool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'doomed', DeletionProtection: 'ACTIVE' }));
  const id = pool!.Id!;
  t.equal(idp.services.keyRing.published(id).length, 2);

  const protectedError = await sdkError(cognito.send(new DeleteUserPoolCommand({ UserPoolId: id })));
  t.same(protectedError, {
    name: 'InvalidParameterException',
    message: 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    status: 400,
  });
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'INACTIVE' }));
  await cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
  t.notOk(idp.services.directory.pools().some((p) => p.id === id));
  t.notOk(idp.services.keyRing.pools.includes(id));
  t.equal(idp.services.keyRing.entries().filter((e) => e.pool === id).length, 0);
  t.equal((await fetch(`${idp.url}/${id}/.well-known/jwks.json`)).status, 404);
  t.match(await sdkError(cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }))), { name: 'ResourceNotFoundException', message: `User pool ${id} does not exist.` });

  const defaultError = await sdkError(cognito.send(new DeleteUserPoolCommand({ UserPoolId: localPool })));
  t.equal(defaultError.name, 'InvalidParameterException');
  t.match(defaultError.message, /default pool/);
  t.ok(idp.services.directory.pools().some((p) => p.id === localPool));
});

t.test('a deleted configured pool comes back, with keys, after POST /_mock/reset; created pools do not', async (t) => {
  const { idp, cognito } = await start(t);
  const other = idp.services.directory.pools().find((p) => p.id !== localPool && p.origin === 'config');
  t.ok(other, 'the default config has a second configured pool');
  if (!other) return;
  const { UserPool: created } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'temporary' }));
  await cognito.send(new DeleteUserPoolCommand({ UserPoolId: other.id }));
  t.notOk(idp.services.keyRing.pools.includes(other.id));
  t.equal((await call(idp, 'POST', '/_mock/reset', {})).status, 200);
  t.ok(idp.services.directory.pools().some((p) => p.id === other.id));
  t.notOk(idp.services.directory.pools().some((p) => p.id === created!.Id));
  const jwks = (await call(idp, 'GET', `/${other.id}/.well-known/jwks.json`)).body as { keys: unknown[] };
  t.equal(jwks.keys.length, 2);
});

t.test('TagResource, UntagResource, ListTagsForResource work on the pool ARN and its UserPoolTags', async (t) => {
  const { cognito } = await start(t);
  const { UserPool: pool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tagged', UserPoolTags: { team: 'auth' } }));
  const ResourceArn = pool!.Arn!;
  await cognito.send(new TagResourceCommand({ ResourceArn, Tags: { env: 'dev', team: 'identity' } }));
  t.same((await cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags, { team: 'identity', env: 'dev' });
  await cognito.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['team', 'absent'] }));
  t.same((await cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags, { env: 'dev' });
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool!.Id }))).UserPool!.UserPoolTags, { env: 'dev' });

  const unknown = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Nope12345';
  t.match(await sdkError(cognito.send(new ListTagsForResourceCommand({ ResourceArn: unknown }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new TagResourceCommand({ ResourceArn: 'arn:aws:s3:::bucket-name-here', Tags: { a: 'b' } }))), { name: 'InvalidParameterException' });
  const tooMany = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
  t.match(await sdkError(cognito.send(new TagResourceCommand({ ResourceArn, Tags: tooMany }))), { name: 'InvalidParameterException' });
  t.same((await cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags, { env: 'dev' }, 'a refused call changes nothing');
});
