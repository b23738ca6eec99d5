import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { alice, backend, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';

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
  const { idp, cognito } = await startCognito(t);
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
  const { cognito } = await startCognito(t);
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
  const { cognito } = await startCognito(t);
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
