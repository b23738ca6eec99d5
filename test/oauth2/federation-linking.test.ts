import { AdminCreateUserCommand, AdminGetUserCommand, AdminLinkProviderForUserCommand, type AdminLinkProviderForUserCommandInput, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { claimsOf, sdkError } from '../helpers/cognito.js';
import { callback, postForm } from '../helpers/oauth2.js';
import { appQuery, providerName, startFederation, throughProvider } from './federation-helpers.js';

t.test('AdminLinkProviderForUser: a sign-in through the provider as the linked identity signs in as the existing user', async (t) => {
  const { idp, cognito, poolId, clientId, provider } = await startFederation(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'nina', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'nina@example.com' }] }));
  const link = (input: Partial<AdminLinkProviderForUserCommandInput> = {}) =>
    cognito.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: poolId,
        DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'nina' },
        SourceUser: { ProviderName: providerName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: provider.ivySub },
        ...input,
      }),
    );
  const identities = async () => {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nina' }));
    return user.UserAttributes?.find((a) => a.Name === 'identities')?.Value;
  };

  // Bad requests change nothing.
  const source = { ProviderName: providerName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: provider.ivySub };
  t.match(await sdkError(link({ DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'nobody' } })), { name: 'UserNotFoundException' });
  t.match(await sdkError(link({ SourceUser: { ...source, ProviderName: 'Nowhere' } })), { name: 'InvalidParameterException' });
  t.match(await sdkError(link({ SourceUser: { ...source, ProviderAttributeName: 'email' } })), { name: 'InvalidParameterException' });
  t.match(await sdkError(link({ UserPoolId: 'us-east-1_Missing' })), { name: 'ResourceNotFoundException' });
  t.equal(await identities(), undefined, 'nothing linked');

  await link();
  t.match(JSON.parse((await identities())!), [{ userId: provider.ivySub, providerName, providerType: 'OIDC', primary: false }]);
  await link();
  t.pass('linking the same identity again changes nothing');
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'otto', MessageAction: 'SUPPRESS' }));
  t.match(await sdkError(link({ DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'otto' } })), { name: 'InvalidParameterException' }, 'no merging');

  const { answer } = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: providerName })}`);
  const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
  const tokens = (await (await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback })).json()) as {
    id_token: string;
  };
  const claims = claimsOf(tokens.id_token);
  t.equal(claims['cognito:username'], 'nina', 'signed in as the existing user');
  t.match(claims.identities, [{ userId: provider.ivySub, providerName, primary: 'false' }]);
  t.equal(claims.email, 'ivy@acme.example', "the provider's mapped attributes are written to the user");
  const users = (await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users!.map((u) => u.Username).sort();
  t.same(users, ['nina', 'otto'], 'no federated user was created');

  // A source identity that is already a user of the pool cannot be linked.
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: `${providerName}_taken`, MessageAction: 'SUPPRESS' }));
  t.match(
    await sdkError(link({ SourceUser: { ...source, ProviderAttributeValue: 'taken' }, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'otto' } })),
    { name: 'InvalidParameterException' },
    'the source is a user already',
  );
});
