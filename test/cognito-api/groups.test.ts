/** The group operations: CreateGroup, GetGroup, UpdateGroup, ListGroups, DeleteGroup, ListUsersInGroup and the Admin* membership calls. */
import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, rawCall, sdkError, startCognito } from '../helpers/cognito.js';

const role = 'arn:aws:iam::123456789012:role/Editors';
const groupNames = async (cognito: CognitoIdentityProviderClient) => (await cognito.send(new ListGroupsCommand({ UserPoolId: localPool }))).Groups!.map((g) => g.GroupName);

t.test('CreateGroup and GetGroup: GroupType with dates; a taken name is GroupExistsException', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const created = await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', Description: 'On call', RoleArn: role, Precedence: 3 }));
  t.match(created.Group, { GroupName: 'ops', UserPoolId: localPool, Description: 'On call', RoleArn: role, Precedence: 3 });
  t.equal(created.Group!.CreationDate!.getTime(), idp.clock.now(), 'epoch seconds on the wire, the server clock');
  t.same(created.Group!.LastModifiedDate, created.Group!.CreationDate);
  t.same((await cognito.send(new GetGroupCommand({ UserPoolId: localPool, GroupName: 'ops' }))).Group, created.Group);

  const bare = (await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'Ops' }))).Group!;
  t.same(Object.keys(bare).sort(), ['CreationDate', 'GroupName', 'LastModifiedDate', 'UserPoolId'], 'names are case-sensitive; unset members are absent');

  t.match(await sdkError(cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'ops' }))), {
    name: 'GroupExistsException',
    status: 400,
    message: 'A group with the name ops already exists.',
  });
  t.match(await sdkError(cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'admin' }))), { name: 'GroupExistsException' }, 'configured groups exist');
  t.match(await sdkError(cognito.send(new GetGroupCommand({ UserPoolId: localPool, GroupName: 'nope' }))), { name: 'ResourceNotFoundException', message: 'Group not found.' });
  t.match(await sdkError(cognito.send(new CreateGroupCommand({ UserPoolId: 'us-east-1_Nope', GroupName: 'x' }))), {
    name: 'ResourceNotFoundException',
    message: 'User pool us-east-1_Nope does not exist.',
  });
});

t.test('CreateGroup: bad members are InvalidParameterException naming each, and create nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const before = await groupNames(cognito);
  const bad = await sdkError(cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'has space', Description: 'd'.repeat(2049), RoleArn: 'not-an-arn', Precedence: -1 })));
  t.equal(bad.name, 'InvalidParameterException');
  t.match(bad.message, /^5 validation errors detected: /);
  for (const member of ['groupName', 'description', 'roleArn', 'precedence']) t.match(bad.message, `at '${member}' failed to satisfy constraint`);
  t.match(bad.message, "Value 'has space' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  t.match(bad.message, "Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0");
  t.match(await sdkError(cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'g'.repeat(129) }))), { name: 'InvalidParameterException' });
  const missing = await rawCall(idp, 'CreateGroup', JSON.stringify({ UserPoolId: localPool }));
  t.match(missing.body, { __type: 'InvalidParameterException', message: /Value null at 'groupName' failed to satisfy constraint: Member must not be null/ });
  t.same(await groupNames(cognito), before);

  const ok = await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'ünïcødé-✓', Description: '', Precedence: 0 }));
  t.match(ok.Group, { GroupName: 'ünïcødé-✓', Description: '', Precedence: 0 }, 'letters, symbols and punctuation; an empty description; precedence 0');
});

t.test('UpdateGroup: sets the members given, keeps the rest, moves LastModifiedDate', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const created = (await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', Description: 'On call', RoleArn: role, Precedence: 3 }))).Group!;
  idp.baseClock.advanceBy(60_000);
  const updated = (await cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', Precedence: 1 }))).Group!;
  t.match(updated, { GroupName: 'ops', Description: 'On call', RoleArn: role, Precedence: 1 });
  t.same(updated.CreationDate, created.CreationDate);
  t.equal(updated.LastModifiedDate!.getTime() - created.LastModifiedDate!.getTime(), 60_000);
  const other = 'arn:aws:iam::123456789012:role/Ops';
  t.match((await cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', RoleArn: other, Description: 'x' }))).Group, { RoleArn: other, Description: 'x', Precedence: 1 });

  t.match(await sdkError(cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'nope', Precedence: 1 }))), { name: 'ResourceNotFoundException', message: 'Group not found.' });
  t.match(await sdkError(cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', Precedence: -5, RoleArn: 'short' }))), { name: 'InvalidParameterException' });
  t.match((await cognito.send(new GetGroupCommand({ UserPoolId: localPool, GroupName: 'ops' }))).Group, { RoleArn: other, Precedence: 1 }, 'a refused update changes nothing');
});

t.test('ListGroups: by name, Limit at a time with NextToken; Limit over 60 is refused', async (t) => {
  const { cognito } = await startCognito(t);
  for (const GroupName of ['zeta', 'beta']) await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName }));
  t.same(await groupNames(cognito), ['admin', 'beta', 'editors', 'readers', 'zeta'], 'the configured groups (one per fixture group name) and the new ones');
  const seen: string[] = [];
  let NextToken: string | undefined;
  do {
    const out = await cognito.send(new ListGroupsCommand({ UserPoolId: localPool, Limit: 2, NextToken }));
    t.ok(out.Groups!.length <= 2);
    for (const g of out.Groups!) t.ok(g.CreationDate instanceof Date, 'full GroupType rows');
    seen.push(...out.Groups!.map((g) => g.GroupName!));
    NextToken = out.NextToken;
  } while (NextToken);
  t.same(seen, ['admin', 'beta', 'editors', 'readers', 'zeta']);
  t.match(await sdkError(cognito.send(new ListGroupsCommand({ UserPoolId: localPool, Limit: 61 }))), { name: 'InvalidParameterException', message: /at 'limit'/ });
  t.match(await sdkError(cognito.send(new ListGroupsCommand({ UserPoolId: localPool, NextToken: 'garbage' }))), { name: 'InvalidParameterException' });
  t.match(await sdkError(cognito.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_Nope' }))), { name: 'ResourceNotFoundException' });
});

t.test('ListUsersInGroup: the members as UserType, paginated; an unknown group is ResourceNotFoundException', async (t) => {
  const { cognito } = await startCognito(t);
  const all = (await cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'admin' }))).Users!;
  t.equal(all.length, 8, 'the fixture users in admin');
  t.equal(all[0]!.Username, 'alice');
  t.match(all[0], { Enabled: true, UserStatus: 'CONFIRMED' });
  t.ok(all[0]!.Attributes!.some((a) => a.Name === 'email'));
  const first = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'admin', Limit: 5 }));
  t.equal(first.Users!.length, 5);
  const rest = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'admin', Limit: 5, NextToken: first.NextToken! }));
  t.same(
    [...first.Users!, ...rest.Users!].map((u) => u.Username),
    all.map((u) => u.Username),
  );
  t.notOk(rest.NextToken);
  await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'empty' }));
  t.same((await cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'empty' }))).Users, []);
  t.match(await sdkError(cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'nope' }))), { name: 'ResourceNotFoundException', message: 'Group not found.' });
});

t.test('AdminAddUserToGroup / AdminRemoveUserFromGroup / AdminListGroupsForUser: the group must exist', async (t) => {
  const { cognito } = await startCognito(t);
  const groupsOf = async (Username: string, Limit?: number, NextToken?: string) => cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: localPool, Username, Limit, NextToken }));

  t.match(await sdkError(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'bob', GroupName: 'nope' }))), {
    name: 'ResourceNotFoundException',
    message: 'Group not found.',
  });
  t.match(await sdkError(cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: localPool, Username: 'alice', GroupName: 'nope' }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'nobody', GroupName: 'admin' }))), { name: 'UserNotFoundException' });
  t.same((await groupsOf('bob')).Groups, [], 'nothing was added');

  await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'ops', RoleArn: role, Precedence: 1 }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: 'alice', GroupName: 'ops' }));
  const listed = await groupsOf('alice');
  t.same(
    listed.Groups!.map((g) => g.GroupName),
    ['ops', 'admin', 'editors'],
    'by precedence: ops has one, the configured groups none',
  );
  t.match(listed.Groups![0], { GroupName: 'ops', UserPoolId: localPool, RoleArn: role, Precedence: 1 });
  t.ok(listed.Groups![1]!.CreationDate instanceof Date, 'full GroupType rows');
  const page1 = await groupsOf('alice', 2);
  const page2 = await groupsOf('alice', 2, page1.NextToken);
  t.same(
    [...page1.Groups!, ...page2.Groups!].map((g) => g.GroupName),
    ['ops', 'admin', 'editors'],
  );
  t.notOk(page2.NextToken);

  await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: localPool, Username: 'alice', GroupName: 'admin' }));
  await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: localPool, Username: 'alice', GroupName: 'readers' }));
  t.same(
    (await groupsOf('alice')).Groups!.map((g) => g.GroupName),
    ['ops', 'editors'],
    'removing a non-member changes nothing',
  );
});

t.test('DeleteGroup: the group and every membership in it go', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new DeleteGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }));
  t.same(await groupNames(cognito), ['admin', 'readers']);
  t.same(
    (await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: localPool, Username: 'alice' }))).Groups!.map((g) => g.GroupName),
    ['admin'],
  );
  t.match(await sdkError(cognito.send(new GetGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }))), { name: 'ResourceNotFoundException' });
  t.match(await sdkError(cognito.send(new DeleteGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }))), { name: 'ResourceNotFoundException', message: 'Group not found.' });

  await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }));
  t.same((await cognito.send(new ListUsersInGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }))).Users, [], 'a group made again under the name starts empty');
});
