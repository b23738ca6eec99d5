import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import { startCognito } from '../helpers/cognito.js';

const password = 'Provisioned-and-kept-1!';

t.test('a pool provisioned through the API, with everything in it, survives a restart with --state-dir', async (t) => {
  const stateDir = t.testdir();
  const first = await startCognito(t, { config: { stateDir } });
  const { cognito } = first;

  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'kept', Policies: { PasswordPolicy: { MinimumLength: 12 } }, UserPoolTags: { team: 'auth' } }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'kept-app',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const clientSecret = UserPoolClient!.ClientSecret!;
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff', Precedence: 1, RoleArn: 'arn:aws:iam::000000000000:role/staff' }));
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'kept-domain' }));
  await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] }));
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'corp', oidc_issuer: 'https://idp.example.com', authorize_scopes: 'openid' },
    }),
  );
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kept-kim', UserAttributes: [{ Name: 'email', Value: 'kim@example.com' }], MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'kept-kim', Password: password, Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'kept-kim', GroupName: 'staff' }));

  const { createHmac } = await import('node:crypto');
  const secretHash = createHmac('sha256', clientSecret).update(`kept-kim${clientId}`).digest('base64');
  const signIn = () =>
    first.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kept-kim', PASSWORD: password, SECRET_HASH: secretHash } }));
  const tokens = (await signIn()).AuthenticationResult!;
  const described = {
    pool: (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool,
    client: (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient,
  };
  await first.idp.close();

  const second = await startCognito(t, { config: { stateDir }, port: Number(new URL(first.idp.url).port) });
  const again = second.cognito;
  t.same((await again.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool, described.pool, 'the pool is described as before, settings and tags included');
  t.same((await again.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient, described.client, 'its client too, with its secret');
  t.same(
    (await again.send(new ListGroupsCommand({ UserPoolId: poolId }))).Groups?.map((g) => [g.GroupName, g.Precedence, g.RoleArn]),
    [['staff', 1, 'arn:aws:iam::000000000000:role/staff']],
  );
  t.equal((await again.send(new DescribeUserPoolDomainCommand({ Domain: 'kept-domain' }))).DomainDescription?.UserPoolId, poolId, 'the domain');
  t.same(
    (await again.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders' }))).ResourceServer?.Scopes,
    [{ ScopeName: 'read', ScopeDescription: 'Read orders' }],
    'the resource server',
  );
  t.equal((await again.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp' }))).IdentityProvider?.ProviderType, 'OIDC', 'the identity provider');

  const jwks = createRemoteJWKSet(new URL(second.idp.jwksUri(poolId)));
  const { payload } = await jwtVerify(tokens.IdToken!, jwks, { issuer: second.idp.issuer(poolId), audience: clientId });
  t.same(payload['cognito:groups'], ['staff'], "an ID token issued before the restart verifies against the pool's JWKS after it");
  t.ok((await again.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, 'its access token is still accepted by the API');

  const refreshed = await again.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret: clientSecret, RefreshToken: tokens.RefreshToken! }));
  await jwtVerify(refreshed.AuthenticationResult!.AccessToken!, jwks, { issuer: second.idp.issuer(poolId) });
  t.pass('its refresh token refreshes, and the new tokens verify');
});
