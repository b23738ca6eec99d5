import { AdminDisableUserCommand, ListUsersCommand, type ListUsersCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';

t.test('ListUsers: every user, 60 at most per page, UserType shape', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(new ListUsersCommand({ UserPoolId: localPool }));
  const pool = idp.services.directory.pool();
  t.same(out.Users!.map((u) => u.Username), pool.users.map((u) => u.username));
  t.equal(out.PaginationToken, undefined);
  t.match(out.Users![0], { Username: 'alice', Enabled: true, UserStatus: 'CONFIRMED', Attributes: [{ Name: 'sub' }] });
  t.ok(out.Users![0]!.UserCreateDate instanceof Date);
});

t.test('Limit and PaginationToken walk the pool page by page', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const all = idp.services.directory.pool().users.map((u) => u.username);
  const seen: string[] = [];
  let PaginationToken: string | undefined;
  let pages = 0;
  do {
    const out = await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Limit: 5, PaginationToken }));
    t.ok(out.Users!.length <= 5);
    seen.push(...out.Users!.map((u) => u.Username!));
    PaginationToken = out.PaginationToken;
    pages++;
  } while (PaginationToken);
  t.same(seen, all);
  t.equal(pages, Math.ceil(all.length / 5));
});

t.test('Filter: `attr = "value"` and `attr ^= "prefix"`', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const list = async (Filter: string, extra: Partial<ListUsersCommandInput> = {}) =>
    (await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Filter, ...extra }))).Users!.map((u) => u.Username);
  const alice = idp.services.directory.user(idp.services.directory.pool(), 'alice');
  t.same(await list(`email = "${alice.attributes.email}"`), ['alice']);
  t.same(await list('username = "alice"'), ['alice']);
  t.same(await list(`sub = "${alice.sub}"`), ['alice']);
  t.same(await list('username ^= "al"'), idp.services.directory.pool().users.filter((u) => u.username.startsWith('al')).map((u) => u.username));
  const startsWithA = idp.services.directory.pool().users.filter((u) => u.attributes.given_name?.startsWith('A')).map((u) => u.username);
  t.same(await list('given_name ^= "A"'), startsWithA);
  t.same(await list('email = "nobody@example.com"'), []);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: localPool, Username: 'bob' }));
  t.same(await list('status = "Disabled"'), ['bob']);
  t.same(await list('cognito:user_status = "CONFIRMED"', { Limit: 1 }), ['alice']);
});

t.test('AttributesToGet lists only those attributes', async (t) => {
  const { cognito } = await startCognito(t);
  const out = await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Filter: 'username = "alice"', AttributesToGet: ['email'] }));
  t.same(out.Users![0]!.Attributes!.map((a) => a.Name), ['email']);
});

t.test('bad input: InvalidParameterException', async (t) => {
  const { cognito } = await startCognito(t);
  const bad = (input: Partial<ListUsersCommandInput>) => sdkError(cognito.send(new ListUsersCommand({ UserPoolId: localPool, ...input })));
  t.match(await bad({ Limit: 61 }), { name: 'InvalidParameterException', status: 400 });
  t.match(await bad({ Filter: 'email == "x"' }), { name: 'InvalidParameterException' });
  t.match(await bad({ Filter: 'custom:tenant = "x"' }), { name: 'InvalidParameterException' });
  t.match(await bad({ PaginationToken: 'not-a-token' }), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new ListUsersCommand({ UserPoolId: 'us-east-1_Nope' }))), { name: 'ResourceNotFoundException' });
});
