import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';

const teamsPool = 'eu-west-1_TeamsPool';
const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/11-3336f1-44483d';
const describe = (cognito: CognitoIdentityProviderClient, Domain: string) => cognito.send(new DescribeUserPoolDomainCommand({ Domain }));

t.test('CreateUserPoolDomain: a prefix domain, described ACTIVE, then deleted', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const created = await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'my-app-login' }));
  t.equal(created.ManagedLoginVersion, 1, 'the classic hosted UI unless asked');
  t.notOk(created.CloudFrontDomain, 'a prefix domain has no CloudFront domain to alias');
  t.equal(idp.services.directory.pool(localPool).domain?.domain, 'my-app-login', 'pool.domain, which DescribeUserPool reads');

  const { DomainDescription } = await describe(cognito, 'my-app-login');
  t.match(DomainDescription, { UserPoolId: localPool, Domain: 'my-app-login', Status: 'ACTIVE', ManagedLoginVersion: 1, AWSAccountId: /^\d{12}$/ });
  t.notOk(DomainDescription?.CustomDomainConfig);

  await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'my-app-login' }));
  t.same((await describe(cognito, 'my-app-login')).DomainDescription, {}, 'an unknown domain is an empty description, not an error');
  t.equal(idp.services.directory.pool(localPool).domain, null);
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'my-app-login' }));
  t.equal((await describe(cognito, 'my-app-login')).DomainDescription?.UserPoolId, teamsPool, 'the prefix is free again');
});

t.test('a custom domain: CloudFrontDomain, its certificate, UpdateUserPoolDomain', async (t) => {
  const { cognito } = await startCognito(t);
  const created = await cognito.send(
    new CreateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: certificate }, ManagedLoginVersion: 2 }),
  );
  t.match(created, { ManagedLoginVersion: 2, CloudFrontDomain: /^d[0-9a-f]+\.cloudfront\.net$/ });
  t.match((await describe(cognito, 'auth.example.com')).DomainDescription, { CustomDomainConfig: { CertificateArn: certificate }, ManagedLoginVersion: 2 });

  const renewed = `${certificate}-renewed`;
  const updated = await cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: renewed } }));
  t.equal(updated.ManagedLoginVersion, 2, 'left out: unchanged');
  t.equal(updated.CloudFrontDomain, created.CloudFrontDomain);
  t.match((await describe(cognito, 'auth.example.com')).DomainDescription, { CustomDomainConfig: { CertificateArn: renewed } });
  await cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'auth.example.com', ManagedLoginVersion: 1 }));
  t.equal((await describe(cognito, 'auth.example.com')).DomainDescription?.ManagedLoginVersion, 1);
});

t.test("one domain per pool; a prefix another pool holds; Cognito's messages", async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'taken-prefix' }));
  t.same(await sdkError(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'second-prefix' }))), {
    name: 'InvalidParameterException',
    message: 'User pool already has a domain configured.',
    status: 400,
  });
  t.same(await sdkError(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'taken-prefix' }))), {
    name: 'InvalidParameterException',
    message: 'Domain already associated with another user pool.',
    status: 400,
  });
  t.same((await describe(cognito, 'second-prefix')).DomainDescription, {}, 'the refused domain was not created');
  t.same((await describe(cognito, 'taken-prefix')).DomainDescription?.UserPoolId, localPool, 'the held one is unchanged');
});

t.test('bad prefixes and unknown pools or domains change nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const create = (Domain: string, UserPoolId = teamsPool) => sdkError(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain })));
  for (const bad of ['Upper', '-leading', 'trailing-', 'has.dot', 'under_score']) {
    const error = await create(bad);
    t.equal(error.name, 'InvalidParameterException', bad);
    t.match(error.message, 'Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$');
  }
  t.match(await create('a'.repeat(64)), { name: 'InvalidParameterException', message: /Member must have length less than or equal to 63/ });
  t.match(await create('my-aws-login'), { name: 'InvalidParameterException', message: 'Domain cannot contain reserved word: aws' });
  t.match(await create('cognito-login'), { name: 'InvalidParameterException', message: 'Domain cannot contain reserved word: cognito' });
  t.match(await create('fine-prefix', 'us-east-1_Nope'), { name: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope does not exist.' });
  t.match(await sdkError(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: 'not-an-arn' } }))), {
    name: 'InvalidParameterException',
  });
  t.match(await sdkError(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'fine-prefix', ManagedLoginVersion: 3 }))), { name: 'InvalidParameterException' });
  t.equal(idp.services.directory.pool(teamsPool).domain, null, 'nothing was created');

  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'teams-login' }));
  const noSuch = { name: 'InvalidParameterException', message: 'No such domain or user pool exists.' };
  t.match(await sdkError(cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: localPool, Domain: 'teams-login' }))), noSuch, "another pool's domain");
  t.match(await sdkError(cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'other-login', ManagedLoginVersion: 2 }))), noSuch);
  t.match(await sdkError(cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: teamsPool, Domain: 'teams-login', CustomDomainConfig: { CertificateArn: certificate } }))), {
    name: 'InvalidParameterException',
  });
  t.match((await describe(cognito, 'teams-login')).DomainDescription, { UserPoolId: teamsPool, ManagedLoginVersion: 1 }, 'still there, unchanged');
});
