/**
 * App clients through the Cognito API: CreateUserPoolClient, DescribeUserPoolClient,
 * UpdateUserPoolClient, ListUserPoolClients and DeleteUserPoolClient, then their secrets
 * (AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret).
 */
import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { alice, backend, claimsOf, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { resetBeforeEach } from '../helpers/idp.js';

// One server for the file, reset (the configured clients as configured, no others) before each test.
const { idp, cognito } = await startCognito(t);
resetBeforeEach(t, idp);

const passwordAuth: { ExplicitAuthFlows: ExplicitAuthFlowsType[] } = { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };

t.test('CreateUserPoolClient: Cognito ids and defaults; DescribeUserPoolClient describes it', async (t) => {
  const created = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'web' }))).UserPoolClient!;
  t.match(created.ClientId, /^[0-9a-v]{20,26}$/);
  t.equal(created.ClientSecret, undefined, 'a public client');
  t.equal(created.UserPoolId, localPool);
  t.equal(created.ClientName, 'web');
  t.equal(created.CreationDate!.getTime(), idp.clock.now());
  t.equal(created.LastModifiedDate!.getTime(), idp.clock.now());
  t.equal(created.RefreshTokenValidity, 30);
  t.equal(created.AccessTokenValidity, 60);
  t.equal(created.IdTokenValidity, 60);
  t.same(created.TokenValidityUnits, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' });
  t.same([...created.ExplicitAuthFlows!].sort(), ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  t.equal(created.PreventUserExistenceErrors, 'LEGACY', "the API's default");
  t.equal(created.EnableTokenRevocation, true);
  t.equal(created.EnablePropagateAdditionalUserContextData, false);
  t.equal(created.AuthSessionValidity, 3);
  t.equal(created.AllowedOAuthFlowsUserPoolClient, false);
  t.same(created.RefreshTokenRotation, { Feature: 'DISABLED' });
  t.equal(created.ReadAttributes, undefined);

  const described = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: created.ClientId }))).UserPoolClient;
  t.same(described, created);

  const confidential = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'api', GenerateSecret: true }))).UserPoolClient!;
  t.match(confidential.ClientSecret, /^[0-9a-v]{45,52}$/);
  t.not(confidential.ClientId, created.ClientId);
});

t.test('DescribeUserPoolClient describes configured clients as they behave', async (t) => {
  const described = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: spa }))).UserPoolClient!;
  t.equal(described.ClientId, spa);
  t.equal(described.ClientSecret, undefined);
  t.ok(described.ExplicitAuthFlows!.includes('ALLOW_USER_PASSWORD_AUTH'));
  t.equal(described.PreventUserExistenceErrors, 'ENABLED');
  t.equal(described.AccessTokenValidity, 60);
  t.ok(described.AllowedOAuthScopes!.includes('openid'));
  const confidential = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: backend.id }))).UserPoolClient!;
  t.equal(confidential.ClientSecret, backend.secret);
});

t.test('token validities with their units become the lifetimes of the tokens', async (t) => {
  const { UserPoolClient: client } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: localPool,
      ClientName: 'short',
      ...passwordAuth,
      AccessTokenValidity: 2,
      IdTokenValidity: 10,
      RefreshTokenValidity: 12,
      TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'hours' },
    }),
  );
  t.same(client!.TokenValidityUnits, { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'hours' }, 'access tokens default to hours');
  t.equal(client!.AccessTokenValidity, 2);
  const { AuthenticationResult: result } = await cognito.send(
    new InitiateAuthCommand({ ClientId: client!.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }),
  );
  t.equal(result!.ExpiresIn, 7200);
  const access = claimsOf(result!.AccessToken!);
  const id = claimsOf(result!.IdToken!);
  t.equal(access.exp - access.iat, 7200);
  t.equal(id.exp - id.iat, 600);
  t.equal(access.client_id, client!.ClientId);
});

t.test('out-of-range validities are refused, naming the member, and create nothing', async (t) => {
  const before = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool }))).UserPoolClients!.length;
  const cases = [
    { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' as const }, member: 'AccessTokenValidity' },
    { IdTokenValidity: 4, TokenValidityUnits: { IdToken: 'minutes' as const }, member: 'IdTokenValidity' },
    { RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' as const }, member: 'RefreshTokenValidity' },
    { RefreshTokenValidity: 3651, member: 'RefreshTokenValidity' },
  ];
  for (const { member, ...validity } of cases) {
    const error = await sdkError(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'bad', ...validity })));
    t.equal(error.name, 'InvalidParameterException', member);
    t.match(error.message, /^Invalid range for token validity/);
    t.match(error.message, member);
  }
  const bad = [
    { AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['openid'] },
    { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthScopes: ['openid'] },
    { ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] as any },
    { ExplicitAuthFlows: ['ALLOW_EVERYTHING'] as any },
    { CallbackURLs: ['http://example.com/cb'] },
    { CallbackURLs: ['https://example.com/cb'], DefaultRedirectURI: 'https://example.com/other' },
    { ReadAttributes: ['no_such_attribute'] },
    { AuthSessionValidity: 20 },
    { GenerateSecret: true, ClientSecret: 'abcdefghijklmnopqrstuvwxyz' },
    { ClientSecret: 'short' },
  ];
  for (const input of bad) {
    t.equal((await sdkError(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'bad', ...input })))).name, 'InvalidParameterException', JSON.stringify(input));
  }
  const unknownScope = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['nope/read'] };
  t.equal((await sdkError(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'bad', ...unknownScope })))).name, 'ScopeDoesNotExistException');
  t.equal((await sdkError(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-east-1_Nope', ClientName: 'x' })))).name, 'ResourceNotFoundException');
  t.equal((await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool }))).UserPoolClients!.length, before, 'nothing was created');
});

t.test('UpdateUserPoolClient resets every member it is not given to its default; id, name and secret stay', async (t) => {
  const { UserPoolClient: created } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: localPool,
      ClientName: 'full',
      GenerateSecret: true,
      ReadAttributes: ['email'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: ['https://app.example/cb'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      ...passwordAuth,
    }),
  );
  t.same(created!.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
  idp.baseClock.advanceBy(5000);
  const { UserPoolClient: updated } = await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: localPool, ClientId: created!.ClientId, AccessTokenValidity: 3 }));
  t.equal(updated!.ClientId, created!.ClientId);
  t.equal(updated!.ClientName, 'full');
  t.equal(updated!.ClientSecret, created!.ClientSecret);
  t.equal(updated!.AccessTokenValidity, 3);
  t.equal(updated!.ReadAttributes, undefined);
  t.equal(updated!.PreventUserExistenceErrors, 'LEGACY');
  t.equal(updated!.EnableTokenRevocation, true);
  t.equal(updated!.AllowedOAuthFlowsUserPoolClient, false);
  t.equal(updated!.AllowedOAuthFlows, undefined);
  t.equal(updated!.CallbackURLs, undefined);
  t.same(updated!.RefreshTokenRotation, { Feature: 'DISABLED' });
  t.same([...updated!.ExplicitAuthFlows!].sort(), ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  t.equal(updated!.CreationDate!.getTime(), created!.CreationDate!.getTime());
  t.equal(updated!.LastModifiedDate!.getTime(), created!.LastModifiedDate!.getTime() + 5000);

  const renamed = await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: localPool, ClientId: created!.ClientId, ClientName: 'renamed' }));
  t.equal(renamed.UserPoolClient!.ClientName, 'renamed');
  const bad = await sdkError(cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: localPool, ClientId: created!.ClientId, ClientName: 'x', AccessTokenValidity: 100 })));
  t.equal(bad.name, 'InvalidParameterException');
  const after = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: created!.ClientId }))).UserPoolClient!;
  t.equal(after.ClientName, 'renamed', 'a refused update changes nothing');
  t.equal((await sdkError(cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: localPool, ClientId: 'nope' })))).name, 'ResourceNotFoundException');
});

t.test('ListUserPoolClients pages with MaxResults and NextToken', async (t) => {
  for (const name of ['a', 'b', 'c']) await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: name }));
  const all = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool }))).UserPoolClients!;
  t.ok(all.length >= 5);
  t.same(Object.keys(all[0]!).sort(), ['ClientId', 'ClientName', 'UserPoolId']);
  t.same(
    all.slice(-3).map((c) => c.ClientName),
    ['a', 'b', 'c'],
  );
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool, MaxResults: 2, NextToken: token }));
    t.ok(page.UserPoolClients!.length <= 2);
    seen.push(...page.UserPoolClients!.map((c) => c.ClientId!));
    token = page.NextToken;
  } while (token);
  t.same(
    seen,
    all.map((c) => c.ClientId),
  );
  for (const MaxResults of [0, 61]) {
    t.equal((await sdkError(cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool, MaxResults })))).name, 'InvalidParameterException');
  }
  t.equal((await sdkError(cognito.send(new ListUserPoolClientsCommand({ UserPoolId: localPool, NextToken: 'garbage' })))).name, 'InvalidParameterException');
});

t.test('DeleteUserPoolClient: the client is gone and its sign-ins no longer refresh', async (t) => {
  const { UserPoolClient: client } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'gone', ...passwordAuth }));
  const { AuthenticationResult: result } = await cognito.send(
    new InitiateAuthCommand({ ClientId: client!.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }),
  );
  await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: localPool, ClientId: client!.ClientId }));
  t.equal((await sdkError(cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: localPool, ClientId: client!.ClientId })))).name, 'ResourceNotFoundException');
  t.equal((await sdkError(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client!.ClientId, RefreshToken: result!.RefreshToken })))).name, 'ResourceNotFoundException');
  const signIn = new InitiateAuthCommand({ ClientId: client!.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } });
  t.equal((await sdkError(cognito.send(signIn))).name, 'ResourceNotFoundException');
  t.equal((await sdkError(cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: localPool, ClientId: client!.ClientId })))).name, 'ResourceNotFoundException');
});

// Client secrets.

const signIn = (cognito: CognitoIdentityProviderClient, clientId: string, secret: string) =>
  cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password, SECRET_HASH: secretHash(secret, alice.username, clientId) },
    }),
  );

async function confidentialClient(cognito: CognitoIdentityProviderClient) {
  const { UserPoolClient: client } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'server', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  return { id: client!.ClientId!, secret: client!.ClientSecret! };
}

t.test('a second secret works beside the first everywhere a secret is checked; a third is refused', async (t) => {
  const client = await confidentialClient(cognito);
  const ids = { UserPoolId: localPool, ClientId: client.id };
  const first = (await cognito.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets!;
  t.equal(first.length, 1);
  t.match(first[0]!.ClientSecretId, new RegExp(`^${client.id}--\\d+$`));
  t.equal(first[0]!.ClientSecretValue, undefined, 'values are never listed');
  t.equal(first[0]!.ClientSecretCreateDate!.getTime(), idp.clock.now());

  const added = (await cognito.send(new AddUserPoolClientSecretCommand(ids))).ClientSecretDescriptor!;
  t.match(added.ClientSecretValue, /^[0-9a-v]{45,52}$/, 'a generated secret is shown once');
  t.not(added.ClientSecretId, first[0]!.ClientSecretId);
  const second = added.ClientSecretValue!;
  t.equal((await cognito.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets!.length, 2);

  // SECRET_HASH with either secret
  t.ok((await signIn(cognito, client.id, client.secret)).AuthenticationResult);
  const { AuthenticationResult: result } = await signIn(cognito, client.id, second);
  t.ok(result);
  t.equal((await sdkError(signIn(cognito, client.id, 'x'.repeat(40)))).name, 'NotAuthorizedException');
  // ClientSecret with either secret
  for (const secret of [client.secret, second]) {
    const refreshed = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.id, ClientSecret: secret, RefreshToken: result!.RefreshToken }));
    t.ok(refreshed.AuthenticationResult!.AccessToken);
  }
  // OAuth client authentication with either secret
  for (const secret of [client.secret, second]) {
    const res = await fetch(`${idp.url}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: result!.RefreshToken! }),
    });
    t.equal(res.status, 200);
  }

  const third = await sdkError(cognito.send(new AddUserPoolClientSecretCommand(ids)));
  t.equal(third.name, 'LimitExceededException');
  t.equal((await cognito.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets!.length, 2, 'a refused secret is not kept');
});

t.test('deleting a secret stops it at once; the last one cannot be deleted', async (t) => {
  const client = await confidentialClient(cognito);
  const ids = { UserPoolId: localPool, ClientId: client.id };
  const custom = 'my_own_secret_value_0123456789';
  const added = (await cognito.send(new AddUserPoolClientSecretCommand({ ...ids, ClientSecret: custom }))).ClientSecretDescriptor!;
  t.equal(added.ClientSecretValue, undefined, 'a given secret is not echoed');
  t.ok((await signIn(cognito, client.id, custom)).AuthenticationResult);

  const [original] = (await cognito.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets!;
  await cognito.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: original!.ClientSecretId }));
  t.equal((await sdkError(signIn(cognito, client.id, client.secret))).name, 'NotAuthorizedException', 'the deleted secret no longer works');
  t.ok((await signIn(cognito, client.id, custom)).AuthenticationResult);
  const described = (await cognito.send(new DescribeUserPoolClientCommand(ids))).UserPoolClient!;
  t.equal(described.ClientSecret, custom);

  const last = await sdkError(cognito.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: added.ClientSecretId })));
  t.equal(last.name, 'InvalidParameterException');
  t.ok((await signIn(cognito, client.id, custom)).AuthenticationResult, 'the last secret still works');
  const unknown = await sdkError(cognito.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: `${client.id}--1` })));
  t.equal(unknown.name, 'ResourceNotFoundException');
});

t.test('secrets of configured clients; public clients get none; bad input changes nothing', async (t) => {
  const configured = { UserPoolId: localPool, ClientId: backend.id };
  t.equal((await cognito.send(new ListUserPoolClientSecretsCommand(configured))).ClientSecrets!.length, 1);
  const added = (await cognito.send(new AddUserPoolClientSecretCommand(configured))).ClientSecretDescriptor!;
  t.ok((await signIn(cognito, backend.id, backend.secret)).AuthenticationResult, 'the configured secret still works');
  t.ok((await signIn(cognito, backend.id, added.ClientSecretValue!)).AuthenticationResult);

  t.equal((await sdkError(cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: localPool, ClientId: spa })))).name, 'InvalidParameterException');
  t.equal((await cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: localPool, ClientId: spa }))).ClientSecrets!.length, 0);
  const tooShort = await sdkError(cognito.send(new AddUserPoolClientSecretCommand({ ...configured, ClientSecret: 'short' })));
  t.equal(tooShort.name, 'InvalidParameterException');
  t.equal((await sdkError(cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: localPool, ClientId: 'nope' })))).name, 'ResourceNotFoundException');
  t.equal((await cognito.send(new ListUserPoolClientSecretsCommand(configured))).ClientSecrets!.length, 2);
});
