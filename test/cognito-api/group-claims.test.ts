/** cognito:groups, cognito:roles and cognito:preferred_role in real tokens (AdminInitiateAuth, InitiateAuth), after the group operations. */
import {
  AdminAddUserToGroupCommand,
  AdminInitiateAuthCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  InitiateAuthCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
  type CreateGroupCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { alice, claimsOf, localPool, spa, startCognito } from '../helpers/cognito.js';

const bob = { username: 'bob', password: 'Sarong-4121-kooky!' };
const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

async function adminTokens(cognito: CognitoIdentityProviderClient, user = bob) {
  const out = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
  );
  return { id: claimsOf(out.AuthenticationResult!.IdToken!), access: claimsOf(out.AuthenticationResult!.AccessToken!) };
}

async function joinGroups(cognito: CognitoIdentityProviderClient, username: string, groups: Array<Omit<CreateGroupCommandInput, 'UserPoolId'>>) {
  for (const g of groups) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: localPool, ...g }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: username, GroupName: g.GroupName }));
  }
}

t.test('groups by precedence (none last); roles and the preferred role in the ID token only', async (t) => {
  const { cognito } = await startCognito(t);
  await joinGroups(cognito, 'bob', [
    { GroupName: 'plain' },
    { GroupName: 'viewers', Precedence: 5, RoleArn: arn('Viewer') },
    { GroupName: 'owners', Precedence: 1, RoleArn: arn('Owner') },
    { GroupName: 'staff', Precedence: 0 },
  ]);
  const { id, access } = await adminTokens(cognito);
  t.same(id['cognito:groups'], ['staff', 'owners', 'viewers', 'plain']);
  t.same(access['cognito:groups'], ['staff', 'owners', 'viewers', 'plain']);
  t.same(id['cognito:roles'], [arn('Owner'), arn('Viewer')], 'the roles of the groups that have one');
  t.equal(id['cognito:preferred_role'], arn('Owner'), 'the lowest precedence among the groups with a role');
  t.notOk('cognito:roles' in access);
  t.notOk('cognito:preferred_role' in access);

  const viaInitiateAuth = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'bob', PASSWORD: bob.password } }));
  const id2 = claimsOf(viaInitiateAuth.AuthenticationResult!.IdToken!);
  t.same(id2['cognito:groups'], id['cognito:groups'], 'InitiateAuth tokens carry the same claims');
  t.equal(id2['cognito:preferred_role'], arn('Owner'));
});

t.test('preferred role ties: one role is kept, different roles set none; groups without precedence tie too', async (t) => {
  const { cognito } = await startCognito(t);
  await joinGroups(cognito, 'bob', [
    { GroupName: 'a', Precedence: 2, RoleArn: arn('Same') },
    { GroupName: 'b', Precedence: 2, RoleArn: arn('Same') },
  ]);
  let { id } = await adminTokens(cognito);
  t.equal(id['cognito:preferred_role'], arn('Same'), 'a tie of one role sets it');
  t.same(id['cognito:roles'], [arn('Same')], 'each role once');

  await cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'b', RoleArn: arn('Other') }));
  ({ id } = await adminTokens(cognito));
  t.notOk('cognito:preferred_role' in id, 'a tie of different roles sets none');
  t.same(id['cognito:roles'], [arn('Same'), arn('Other')]);

  await cognito.send(new UpdateGroupCommand({ UserPoolId: localPool, GroupName: 'b', Precedence: 1 }));
  ({ id } = await adminTokens(cognito));
  t.equal(id['cognito:preferred_role'], arn('Other'), 'the next tokens follow UpdateGroup');
  t.same(id['cognito:groups'], ['b', 'a']);

  await joinGroups(cognito, 'alice', [
    { GroupName: 'x', RoleArn: arn('X') },
    { GroupName: 'y', RoleArn: arn('Y') },
  ]);
  const aliceId = (await adminTokens(cognito, alice)).id;
  t.same(aliceId['cognito:groups'], ['admin', 'editors', 'x', 'y'], 'no precedence anywhere: the order the user joined');
  t.notOk('cognito:preferred_role' in aliceId, 'two roles without precedence tie');
});

t.test('no roles, no role claims; DeleteGroup takes the group out of the next tokens', async (t) => {
  const { cognito } = await startCognito(t);
  let { id, access } = await adminTokens(cognito, alice);
  t.same(id['cognito:groups'], ['admin', 'editors'], 'the configured groups');
  t.same(access['cognito:groups'], ['admin', 'editors'], 'in the access token too');
  t.notOk('cognito:roles' in id);
  t.notOk('cognito:preferred_role' in id);

  await cognito.send(new DeleteGroupCommand({ UserPoolId: localPool, GroupName: 'admin' }));
  ({ id, access } = await adminTokens(cognito, alice));
  t.same(id['cognito:groups'], ['editors']);
  t.same(access['cognito:groups'], ['editors']);
  await cognito.send(new DeleteGroupCommand({ UserPoolId: localPool, GroupName: 'editors' }));
  ({ id, access } = await adminTokens(cognito, alice));
  t.notOk('cognito:groups' in id);
  t.notOk('cognito:groups' in access);
});

t.test("the pool's groupOverrideDetails still override the group claims", async (t) => {
  const { config } = await loadConfig();
  const pools = structuredClone(config.pools);
  pools[0]!.claimRules = { groupOverrideDetails: { groupsToOverride: ['overridden'], iamRolesToOverride: [arn('Rule')], preferredRole: arn('Rule') } };
  const { cognito } = await startCognito(t, { config: { pools } });
  await joinGroups(cognito, 'bob', [{ GroupName: 'ops', Precedence: 1, RoleArn: arn('Ops') }]);
  const { id, access } = await adminTokens(cognito);
  t.same(id['cognito:groups'], ['overridden']);
  t.same(access['cognito:groups'], ['overridden']);
  t.same(id['cognito:roles'], [arn('Rule')]);
  t.equal(id['cognito:preferred_role'], arn('Rule'));
});
