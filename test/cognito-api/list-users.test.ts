import { AdminDisableUserCommand, AdminResetUserPasswordCommand, ListUsersCommand, type ListUsersCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';

t.test('ListUsers: every user, 60 at most per page, UserType shape', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(new ListUsersCommand({ UserPoolId: localPool }));
  const pool = idp.services.directory.pool();
  t.same(
    out.Users!.map((u) => u.Username),
    pool.users.map((u) => u.username),
  );
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
  t.same(
    await list('username ^= "al"'),
    idp.services.directory
      .pool()
      .users.filter((u) => u.username.startsWith('al'))
      .map((u) => u.username)
      .sort(),
  );
  const startsWithA = idp.services.directory.pool().users.filter((u) => u.attributes.given_name?.startsWith('A'));
  t.same(
    await list('given_name ^= "A"'),
    startsWithA.sort((a, b) => a.attributes.given_name!.localeCompare(b.attributes.given_name!)).map((u) => u.username),
  );
  t.same(await list('email = "nobody@example.com"'), []);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: localPool, Username: 'bob' }));
  t.same(await list('status = "Disabled"'), ['bob']);
  t.same(await list('cognito:user_status = "CONFIRMED"', { Limit: 1 }), ['alice']);
});

t.test('AttributesToGet lists only those attributes', async (t) => {
  const { cognito } = await startCognito(t);
  const out = await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Filter: 'username = "alice"', AttributesToGet: ['email'] }));
  t.same(
    out.Users![0]!.Attributes!.map((a) => a.Name),
    ['email'],
  );
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

const lister =
  (cognito: Awaited<ReturnType<typeof startCognito>>['cognito']) =>
  async (Filter: string, extra: Partial<ListUsersCommandInput> = {}) =>
    (await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Filter, ...extra }))).Users!.map((u) => u.Username);

t.test('Filter: exactly the documented attributes; custom and other standard attributes are not searchable', async (t) => {
  const { cognito } = await startCognito(t);
  const list = lister(cognito);
  for (const name of ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub']) {
    t.ok(Array.isArray(await list(`${name} = "x"`)), `${name} is searchable`);
  }
  for (const name of ['custom:tenant', 'address', 'email_verified', 'nickname', 'Email']) {
    t.match(await sdkError(list(`${name} = "x"`)), { name: 'InvalidParameterException', message: `Invalid search attribute: ${name}` }, `${name} is not`);
  }
});

t.test('Filter grammar: = and ^= only, a double-quoted value with \\" inside, spaces optional', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const list = lister(cognito);
  const alice = idp.services.directory.user(idp.services.directory.pool(), 'alice');
  for (const bad of ['email != "x"', 'email == "x"', 'email ~= "x"', 'email > "x"', 'email = x', "email = 'x'", 'email = "x', 'email', '= "x"', 'email = "x" and name = "y"', 'foo']) {
    t.match(await sdkError(list(bad)), { name: 'InvalidParameterException', message: 'Error while parsing filter.' }, bad);
  }
  t.same(await list(`email="${alice.attributes.email}"`), ['alice'], 'no spaces');
  t.same(await list(`  email   ^=   "${alice.attributes.email!.slice(0, 8)}"  `), ['alice'], 'extra spaces');
  alice.attributes.name = 'Alice "Al" Strosin';
  t.same(await list('name = "Alice \\"Al\\" Strosin"'), ['alice'], 'an escaped quotation mark');
  t.same(await list('name ^= "Alice \\"A"'), ['alice']);
});

t.test('Filter: an empty or blank filter lists everyone', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const all = idp.services.directory.pool().users.map((u) => u.username);
  t.same(await lister(cognito)(''), all);
  t.same(await lister(cognito)('   '), all);
});

t.test('Filter case: username and status match case-sensitively, the others (cognito:user_status too) do not', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const list = lister(cognito);
  const alice = idp.services.directory.user(idp.services.directory.pool(), 'alice');
  t.same(await list('username = "ALICE"'), []);
  t.same(await list(`email = "${alice.attributes.email!.toUpperCase()}"`), ['alice']);
  t.same(await list('given_name = "alice"'), ['alice']);
  t.same(await list('status = "enabled"'), []);
  t.equal((await list('status = "Enabled"')).length, idp.services.directory.pool().users.length);
  t.equal((await list('cognito:user_status = "confirmed"')).length, idp.services.directory.pool().users.length);
  await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: localPool, Username: 'bob' }));
  t.same(await list('cognito:user_status = "RESET_REQUIRED"'), ['bob']);
  t.same(await list('cognito:user_status ^= "reset"'), ['bob']);
});

t.test('a filtered list is sorted by the filtered attribute', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const byFamilyName = (await lister(cognito)('family_name ^= ""')).map((u) => idp.services.directory.user(idp.services.directory.pool(), u).attributes.family_name!.toLowerCase());
  t.same(byFamilyName, [...byFamilyName].sort());
  t.ok(byFamilyName.length > 5);
});

t.test('Limit 0–60 (0 means the default), Filter up to 256 characters', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const bad = (input: Partial<ListUsersCommandInput>) => sdkError(cognito.send(new ListUsersCommand({ UserPoolId: localPool, ...input })));
  t.equal((await cognito.send(new ListUsersCommand({ UserPoolId: localPool, Limit: 0 }))).Users!.length, idp.services.directory.pool().users.length);
  t.match(await bad({ Limit: -1 }), {
    name: 'InvalidParameterException',
    message: "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
  });
  t.match(await bad({ Limit: 61 }), { message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60" });
  t.match(await bad({ Filter: `email = "${'x'.repeat(250)}"` }), {
    name: 'InvalidParameterException',
    message: /at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256/,
  });
});

t.test("AttributesToGet: only attributes of the pool's schema", async (t) => {
  const { cognito } = await startCognito(t);
  const get = (AttributesToGet: string[]) => cognito.send(new ListUsersCommand({ UserPoolId: localPool, Filter: 'username = "alice"', AttributesToGet }));
  t.same(
    (await get(['custom:tenant', 'family_name'])).Users![0]!.Attributes!.map((a) => a.Name),
    ['family_name', 'custom:tenant'],
  );
  t.match(await sdkError(get(['shoe_size'])), { name: 'InvalidParameterException', message: 'One or more requested attributes do not exist.' });
  t.match(await sdkError(get(['email', 'cognito:user_status'])), { name: 'InvalidParameterException' });
  t.match(await sdkError(get(['x'.repeat(33)])), { name: 'InvalidParameterException', message: /at 'attributesToGet'/ });
});
