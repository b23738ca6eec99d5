import {
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';

const oidc = {
  UserPoolId: localPool,
  ProviderName: 'Corporate',
  ProviderType: 'OIDC' as const,
  ProviderDetails: { client_id: 'corp-client', client_secret: 'corp-secret', attributes_request_method: 'GET', oidc_issuer: 'https://login.example.com', authorize_scopes: 'openid email' },
  AttributeMapping: { email: 'email', username: 'sub' },
  IdpIdentifiers: ['example.com', 'corp'],
};
const google = { UserPoolId: localPool, ProviderName: 'Google', ProviderType: 'Google' as const, ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid' } };

t.test('Create, Describe, List, GetIdentityProviderByIdentifier, Update, Delete', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { IdentityProvider: created } = await cognito.send(new CreateIdentityProviderCommand(oidc));
  t.match(created, {
    UserPoolId: localPool,
    ProviderName: 'Corporate',
    ProviderType: 'OIDC',
    ProviderDetails: oidc.ProviderDetails,
    AttributeMapping: oidc.AttributeMapping,
    IdpIdentifiers: oidc.IdpIdentifiers,
  });
  t.ok(created?.CreationDate instanceof Date, 'epoch seconds, which the SDK reads as a Date');
  t.equal(Math.floor(created!.CreationDate!.getTime() / 1000), Math.floor(idp.clock.now() / 1000));
  t.same((await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: localPool, ProviderName: 'Corporate' }))).IdentityProvider, created);
  t.equal((await cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: localPool, IdpIdentifier: 'corp' }))).IdentityProvider?.ProviderName, 'Corporate');

  await cognito.send(new CreateIdentityProviderCommand(google));
  const first = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId: localPool, MaxResults: 1 }));
  t.match(first.Providers, [{ ProviderName: 'Corporate', ProviderType: 'OIDC' }]);
  t.same(Object.keys(first.Providers![0]!).sort(), ['CreationDate', 'LastModifiedDate', 'ProviderName', 'ProviderType'], 'a ProviderDescription');
  const second = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId: localPool, NextToken: first.NextToken }));
  t.match(second.Providers, [{ ProviderName: 'Google', ProviderType: 'Google' }]);
  t.notOk(second.NextToken);

  idp.baseClock.advanceBy(60_000);
  const { IdentityProvider: updated } = await cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: localPool, ProviderName: 'Corporate', IdpIdentifiers: ['corp.example'] }));
  t.same(updated?.IdpIdentifiers, ['corp.example'], 'replaced');
  t.same(updated?.ProviderDetails, oidc.ProviderDetails, 'left out: unchanged');
  t.ok(updated!.LastModifiedDate!.getTime() > updated!.CreationDate!.getTime());
  t.match(await sdkError(cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: localPool, IdpIdentifier: 'corp' }))), { name: 'ResourceNotFoundException' });

  await cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: localPool, ProviderName: 'Corporate' }));
  t.match(await sdkError(cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: localPool, ProviderName: 'Corporate' }))), { name: 'ResourceNotFoundException' });
  t.match((await cognito.send(new ListIdentityProvidersCommand({ UserPoolId: localPool }))).Providers, [{ ProviderName: 'Google' }]);
  await cognito.send(new CreateIdentityProviderCommand({ ...oidc, ProviderName: 'Other' }));
  t.pass("the deleted provider's identifiers are free again");
});

t.test('errors: duplicate names and identifiers, unknown providers, bad members change nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await cognito.send(new CreateIdentityProviderCommand(oidc));
  t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand({ ...oidc, IdpIdentifiers: [] }))), {
    name: 'DuplicateProviderException',
    message: `Corporate already exists in user pool ${localPool}`,
  });
  t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand({ ...oidc, ProviderName: 'Partner', IdpIdentifiers: ['corp'] }))), { name: 'DuplicateProviderException' });
  t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand({ ...oidc, ProviderName: 'Partner', IdpIdentifiers: ['p', 'p'] }))), { name: 'DuplicateProviderException' });
  t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand({ ...google, ProviderName: 'MyGoogle' }))), {
    name: 'InvalidParameterException',
    message: 'Provider MyGoogle cannot be of type Google.',
  });
  const invalid = [
    { ...oidc, ProviderName: 'Partner', ProviderType: 'Twitter' },
    { ...oidc, ProviderName: '_Partner' },
    { ...oidc, ProviderName: 'x'.repeat(33) },
    { ...oidc, ProviderName: 'Partner', IdpIdentifiers: ['bad/identifier'] },
    { ...oidc, ProviderName: 'Partner', AttributeMapping: { ['x'.repeat(33)]: 'y' } },
  ];
  for (const input of invalid) t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand(input as typeof oidc))), { name: 'InvalidParameterException' }, input.ProviderName);
  t.match(await sdkError(cognito.send(new CreateIdentityProviderCommand({ ...oidc, UserPoolId: 'us-east-1_Nope' }))), { name: 'ResourceNotFoundException' });
  t.same(
    idp.services.directory.pool(localPool).identityProviders.map((p) => p.name),
    ['Corporate'],
    'nothing was added',
  );

  await cognito.send(new CreateIdentityProviderCommand(google));
  t.match(await sdkError(cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: localPool, ProviderName: 'Google', IdpIdentifiers: ['example.com'] }))), {
    name: 'DuplicateProviderException',
  });
  t.same(idp.services.directory.pool(localPool).identityProviders.find((p) => p.name === 'Google')?.idpIdentifiers, [], 'unchanged');
  const unknown = { UserPoolId: localPool, ProviderName: 'Nobody' };
  t.match(await sdkError(cognito.send(new DescribeIdentityProviderCommand(unknown))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new UpdateIdentityProviderCommand(unknown))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new DeleteIdentityProviderCommand(unknown))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new ListIdentityProvidersCommand({ UserPoolId: localPool, MaxResults: 61 }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new ListIdentityProvidersCommand({ UserPoolId: localPool, NextToken: 'junk' }))), { name: 'InvalidParameterException' });
});
