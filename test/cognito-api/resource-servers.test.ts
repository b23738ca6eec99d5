import {
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { scopeExists } from '../../src/cognito/resource-servers.js';
import { backend, claimsOf, localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { assertOAuthError, basic, callback, codeFor, postForm } from '../helpers/oauth2.js';

const orders = { UserPoolId: localPool, Identifier: 'https://orders.example.com', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] };

t.test("a configured pool has the resource server its clients' custom scopes name", async (t) => {
  const { cognito } = await startCognito(t);
  const { ResourceServers, NextToken } = await cognito.send(new ListResourceServersCommand({ UserPoolId: localPool, MaxResults: 50 }));
  t.match(ResourceServers, [{ UserPoolId: localPool, Identifier: 'mock-api', Name: 'mock-api', Scopes: [{ ScopeName: 'read' }, { ScopeName: 'write' }] }]);
  t.notOk(NextToken);
});

t.test('Create, Describe, List (paginated), Update, Delete', async (t) => {
  const { cognito } = await startCognito(t);
  const created = await cognito.send(new CreateResourceServerCommand(orders));
  t.same(created.ResourceServer, { UserPoolId: localPool, Identifier: orders.Identifier, Name: 'Orders API', Scopes: orders.Scopes });
  t.same((await cognito.send(new DescribeResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier }))).ResourceServer, created.ResourceServer);

  const first = await cognito.send(new ListResourceServersCommand({ UserPoolId: localPool, MaxResults: 1 }));
  t.equal(first.ResourceServers?.[0]?.Identifier, 'mock-api');
  t.ok(first.NextToken);
  const second = await cognito.send(new ListResourceServersCommand({ UserPoolId: localPool, MaxResults: 1, NextToken: first.NextToken }));
  t.equal(second.ResourceServers?.[0]?.Identifier, orders.Identifier);
  t.notOk(second.NextToken);

  const updated = await cognito.send(
    new UpdateResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier, Name: 'Orders', Scopes: [{ ScopeName: 'write', ScopeDescription: 'Write orders' }] }),
  );
  t.same(updated.ResourceServer?.Scopes, [{ ScopeName: 'write', ScopeDescription: 'Write orders' }], 'the scopes are replaced');
  t.equal(updated.ResourceServer?.Name, 'Orders');
  const withoutScopes = await cognito.send(new UpdateResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier, Name: 'Orders' }));
  t.same(withoutScopes.ResourceServer?.Scopes, [], 'Scopes left out: none');

  await cognito.send(new DeleteResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier }));
  t.match(await sdkError(cognito.send(new DescribeResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier }))), { name: 'ResourceNotFoundException' });
});

t.test('errors: duplicates, unknown servers and pools, bad members change nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await cognito.send(new CreateResourceServerCommand(orders));
  t.match(await sdkError(cognito.send(new CreateResourceServerCommand({ ...orders, Name: 'Again' }))), {
    name: 'InvalidParameterException',
    message: `${orders.Identifier} already exists in user pool ${localPool}.`,
  });
  const unknown = { UserPoolId: localPool, Identifier: 'nope' };
  t.match(await sdkError(cognito.send(new DescribeResourceServerCommand(unknown))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new UpdateResourceServerCommand({ ...unknown, Name: 'x' }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new DeleteResourceServerCommand(unknown))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new ListResourceServersCommand({ UserPoolId: 'us-east-1_Nope' }))), { name: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope does not exist.' });

  const bad = [
    { ...orders, Identifier: 'has space' },
    { ...orders, Identifier: 'quote"d' },
    { ...orders, Name: 'bad/name' },
    { ...orders, Identifier: 'new-api', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'slash' }] },
    { ...orders, Identifier: 'new-api', Scopes: [{ ScopeName: 'read', ScopeDescription: '' }] },
    {
      ...orders,
      Identifier: 'new-api',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'x' },
        { ScopeName: 'read', ScopeDescription: 'y' },
      ],
    },
  ];
  for (const input of bad) t.match(await sdkError(cognito.send(new CreateResourceServerCommand(input))), { name: 'InvalidParameterException' }, JSON.stringify(input));
  t.match(await sdkError(cognito.send(new ListResourceServersCommand({ UserPoolId: localPool, MaxResults: 51 }))), {
    name: 'InvalidParameterException',
    message: "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
  });
  t.match(await sdkError(cognito.send(new UpdateResourceServerCommand({ ...orders, Scopes: [{ ScopeName: 'bad/scope', ScopeDescription: 'x' }] }))), { name: 'InvalidParameterException' });
  const pool = idp.services.directory.pool(localPool);
  t.same(
    pool.resourceServers.map((rs) => rs.identifier),
    ['mock-api', orders.Identifier],
    'no server was added',
  );
  t.same(pool.resourceServers[1]?.scopes, orders.Scopes, 'nor changed');
});

t.test('scopeExists: standard scopes, and custom scopes a resource server defines', async (t) => {
  const pool = { resourceServers: [{ identifier: 'https://api.example.com/v1', name: 'v1', scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }] };
  t.ok(scopeExists(pool, 'openid'));
  t.ok(scopeExists(pool, 'aws.cognito.signin.user.admin'));
  t.ok(scopeExists(pool, 'https://api.example.com/v1/read'), 'the identifier may hold slashes');
  t.notOk(scopeExists(pool, 'https://api.example.com/v1/write'));
  t.notOk(scopeExists(pool, 'other/read'));
  t.notOk(scopeExists(pool, 'bogus'));
});

t.test("client_credentials: a resource server's scope in the access token; undefined ones refused", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const url = `${idp.url}/oauth2/token`;
  const auth = basic(backend.id, backend.secret);
  const token = async (scope?: string) => {
    const res = await postForm(url, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, auth);
    t.equal(res.status, 200, `client_credentials ${scope ?? '(no scope)'}`);
    return claimsOf(((await res.json()) as { access_token: string }).access_token);
  };
  await cognito.send(new CreateResourceServerCommand(orders));
  const client = idp.services.directory.client(idp.services.directory.pool(localPool), backend.id);
  client.allowedScopes = [...client.allowedScopes, `${orders.Identifier}/read`];

  t.match(await token(`${orders.Identifier}/read`), { scope: `${orders.Identifier}/read`, client_id: backend.id, token_use: 'access' });
  t.equal((await token()).scope, `mock-api/read mock-api/write ${orders.Identifier}/read`, 'no scope: every defined custom scope of the client');

  await cognito.send(new UpdateResourceServerCommand({ UserPoolId: localPool, Identifier: 'mock-api', Name: 'mock-api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', scope: 'mock-api/write' }, auth), 400, 'invalid_scope');
  t.equal((await token()).scope, `mock-api/read ${orders.Identifier}/read`, 'a removed scope is not granted');
  await cognito.send(new DeleteResourceServerCommand({ UserPoolId: localPool, Identifier: orders.Identifier }));
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', scope: `${orders.Identifier}/read` }, auth), 400, 'invalid_scope');
  await assertOAuthError(t, await postForm(url, { grant_type: 'client_credentials', scope: 'mock-api/admin' }, auth), 400, 'invalid_scope');
});

t.test("authorize and code: a resource server's scope granted, in the access token; undefined ones invalid_scope", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const code = await codeFor(t, idp, backend.id, { scope: 'openid mock-api/read' });
  const res = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', code, redirect_uri: callback }, basic(backend.id, backend.secret));
  t.equal(res.status, 200);
  const { access_token } = (await res.json()) as { access_token: string };
  t.match(claimsOf(access_token), { scope: 'openid mock-api/read', username: 'alice', token_use: 'access' });

  await cognito.send(new DeleteResourceServerCommand({ UserPoolId: localPool, Identifier: 'mock-api' }));
  const query = new URLSearchParams({ response_type: 'code', client_id: backend.id, redirect_uri: callback, state: 's1', scope: 'openid mock-api/read' });
  const refused = await fetch(`${idp.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  t.equal(refused.status, 302);
  const location = new URL(refused.headers.get('location')!);
  t.equal(location.searchParams.get('error'), 'invalid_scope', 'a scope no resource server defines is refused');
  t.equal(location.searchParams.get('state'), 's1');

  await cognito.send(new CreateResourceServerCommand({ UserPoolId: localPool, Identifier: 'mock-api', Name: 'Mock API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }));
  const again = await codeFor(t, idp, backend.id, { scope: 'openid mock-api/read' });
  const second = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', code: again, redirect_uri: callback }, basic(backend.id, backend.secret));
  t.equal(claimsOf(((await second.json()) as { access_token: string }).access_token).scope, 'openid mock-api/read', 'granted again once a resource server defines it');
});
