/**
 * A pool's IssuerConfiguration (CreateUserPool, UpdateUserPool, DescribeUserPool): ORIGINAL and
 * UPDATED choose the pool's issuer form over the server's `issuerStyle`, and the pool's tokens,
 * discovery and the JSON API's own access-token checks follow it.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { claimsOf, localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { call } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const dave = { username: 'dave', password: 'Issuer-Form-42!' };

async function signIn(cognito: CognitoIdentityProviderClient, ClientId: string) {
  const out = await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: dave.username, PASSWORD: dave.password } }));
  return out.AuthenticationResult!;
}

t.test('CreateUserPool with IssuerConfiguration UPDATED on a local-style server; UpdateUserPool to ORIGINAL', async (t) => {
  const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });
  const created = await cognito.send(new CreateUserPoolCommand({ PoolName: 'updated', IssuerConfiguration: { Type: 'UPDATED' } }));
  const poolId = created.UserPool!.Id!;
  t.same(created.UserPool!.IssuerConfiguration, { Type: 'UPDATED' });
  const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }));
  const ClientId = client.UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: dave.username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: dave.username, Password: dave.password, Permanent: true }));

  const updated = `https://issuer-cognito-idp.us-east-1.amazonaws.com/${poolId}`;
  const tokens = await signIn(cognito, ClientId);
  t.equal(claimsOf(tokens.IdToken!).iss, updated);
  t.equal(claimsOf(tokens.AccessToken!).iss, updated);
  t.equal((await call(idp, 'GET', `/${poolId}/.well-known/openid-configuration`)).body.issuer, updated, 'discovery agrees');
  t.equal((await cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).Username, dave.username, 'GetUser accepts its access token');
  t.equal((await call(idp, 'GET', `/${localPool}/.well-known/openid-configuration`)).body.issuer, `${idp.url}/${localPool}`, 'other pools keep the server form');

  // A bad Type is refused and changes nothing.
  const bad = await sdkError(cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId, IssuerConfiguration: { Type: 'GLOBAL' as never } })));
  t.match(bad, { name: 'InvalidParameterException', message: /issuerConfiguration\.type/ });
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.IssuerConfiguration, { Type: 'UPDATED' });

  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId, IssuerConfiguration: { Type: 'ORIGINAL' } }));
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.IssuerConfiguration, { Type: 'ORIGINAL' });
  const original = await signIn(cognito, ClientId);
  t.equal(claimsOf(original.AccessToken!).iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
  t.equal((await cognito.send(new GetUserCommand({ AccessToken: original.AccessToken }))).Username, dave.username, 'checked against the new issuer');
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))), { name: 'NotAuthorizedException' }, "an UPDATED-form token no longer names the pool's issuer");
});

t.test('CreateUserPool with a bad IssuerConfiguration.Type: InvalidParameterException, no pool made', async (t) => {
  const { cognito, idp } = await startCognito(t);
  const before = idp.services.directory.pools().length;
  t.match(await sdkError(cognito.send(new CreateUserPoolCommand({ PoolName: 'bad', IssuerConfiguration: { Type: 'NEWEST' as never } }))), { name: 'InvalidParameterException' });
  t.equal(idp.services.directory.pools().length, before);
});

t.test("a configured pool's issuerStyle shows in DescribeUserPool", async (t) => {
  const { cognito } = await startCognito(t, {
    config: { pools: [{ id: localPool, users: '*', issuerStyle: 'cognito-updated', clients: [{ id: '5updatedclient000000000000a', name: 'web', secret: null }] }] },
  });
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: localPool }))).UserPool!.IssuerConfiguration, { Type: 'UPDATED' });
});
