import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { claimsOf, sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';
const role = 'arn:aws:iam::123456789012:role/staff';

/** A pool whose PreTokenGeneration is a bare ARN: Cognito runs it as V1_0. */
const start = (t: Test) =>
  startTriggerPool(t, {
    functions: { [fn('pre-token')]: { module: handlerModule('pre-token-v1.ts') } },
    lambdaConfig: { PreTokenGeneration: fn('pre-token') },
  });

async function addUser(cognito: CognitoIdentityProviderClient, poolId: string, username: string, permanent = true) {
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }),
  );
  if (permanent) await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

const signIn = (cognito: CognitoIdentityProviderClient, clientId: string, username: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

t.test('V1_0: the ID token gets the claims, suppression wins, the access token is untouched; the event is V1', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  await addUser(cognito, poolId, 'ana');
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff', RoleArn: role, Precedence: 1 }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ana', GroupName: 'staff' }));
  const { AuthenticationResult: tokens } = await signIn(cognito, clientId, 'ana');

  // The changed token verifies as any other: signature, issuer and audience, with jose against the pool's JWKS.
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer(poolId)}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(tokens!.IdToken!, jwks, { issuer: idp.issuer(poolId), audience: clientId });
  t.equal(payload.tenant, 'acme');
  const idClaims = claimsOf(tokens!.IdToken!);
  t.equal(idClaims.tenant, 'acme');
  t.equal(idClaims.source, 'TokenGeneration_Authentication');
  t.notOk('email' in idClaims, 'suppressed, though also overridden');
  t.same(idClaims['cognito:groups'], ['staff'], 'groups untouched without a group override');
  const accessClaims = claimsOf(tokens!.AccessToken!);
  t.notOk('tenant' in accessClaims, 'V1_0 changes only the ID token');

  const [entry] = await journal('PreTokenGeneration');
  t.match(entry, { trigger: 'PreTokenGeneration', triggerSource: 'TokenGeneration_Authentication', function: fn('pre-token') });
  t.match(entry!.event, {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    userPoolId: poolId,
    userName: 'ana',
    callerContext: { clientId },
    request: {
      userAttributes: { email: 'ana@example.com', 'cognito:user_status': 'CONFIRMED' },
      groupConfiguration: { groupsToOverride: ['staff'], iamRolesToOverride: [role], preferredRole: role },
    },
    response: { claimsOverrideDetails: null },
  });
  t.notOk('scopes' in (entry!.event as { request: object }).request, 'V1_0 events carry no scopes');
});

t.test('V1_0: a group override replaces the groups in both tokens; an empty one removes them', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  for (const name of ['regrouped', 'ungrouped']) {
    await addUser(cognito, poolId, name);
    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: `g-${name}`, RoleArn: role }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: name, GroupName: `g-${name}` }));
  }
  const regrouped = (await signIn(cognito, clientId, 'regrouped')).AuthenticationResult!;
  t.match(claimsOf(regrouped.IdToken!), { 'cognito:groups': ['vip'], 'cognito:roles': ['arn:aws:iam::123456789012:role/vip'], 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/vip' });
  t.same(claimsOf(regrouped.AccessToken!)['cognito:groups'], ['vip'], 'the access token too');
  const ungrouped = (await signIn(cognito, clientId, 'ungrouped')).AuthenticationResult!;
  for (const claim of ['cognito:groups', 'cognito:roles', 'cognito:preferred_role']) t.notOk(claim in claimsOf(ungrouped.IdToken!), claim);
  t.notOk('cognito:groups' in claimsOf(ungrouped.AccessToken!));
});

t.test('refresh and NEW_PASSWORD_REQUIRED send their own trigger sources', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  await addUser(cognito, poolId, 'ana');
  const first = (await signIn(cognito, clientId, 'ana')).AuthenticationResult!;
  const refreshed = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
  t.equal(claimsOf(refreshed.AuthenticationResult!.IdToken!).source, 'TokenGeneration_RefreshTokens');

  await addUser(cognito, poolId, 'newbie', false);
  const challenge = await signIn(cognito, clientId, 'newbie');
  t.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'Another-8296-pass!' },
      ClientMetadata: { step: 'new-password' },
    }),
  );
  t.equal(claimsOf(answered.AuthenticationResult!.IdToken!).source, 'TokenGeneration_NewPasswordChallenge');
  const entries = await journal('PreTokenGeneration');
  t.same(
    entries.map((e) => e.triggerSource),
    ['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens', 'TokenGeneration_NewPasswordChallenge'],
  );
  t.same((entries[2]!.event as { request: { clientMetadata?: unknown } }).request.clientMetadata, { step: 'new-password' }, "RespondToAuthChallenge's ClientMetadata");
  t.notOk('clientMetadata' in (entries[0]!.event as { request: object }).request, "InitiateAuth's is not passed on");
});

t.test('a failing function issues no token: its error, a protected claim, a V1_0 value that is no string', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  for (const name of ['thrower', 'sneaky', 'counter']) await addUser(cognito, poolId, name);
  t.match(await sdkError(signIn(cognito, clientId, 'thrower')), {
    name: 'UserLambdaValidationException',
    message: 'PreTokenGeneration failed with error No tokens for you.',
  });
  t.match(await sdkError(signIn(cognito, clientId, 'sneaky')), { name: 'InvalidLambdaResponseException' });
  t.match(await sdkError(signIn(cognito, clientId, 'counter')), { name: 'InvalidLambdaResponseException' });
  const entries = await journal('PreTokenGeneration');
  t.match(entries[1]!.error, { type: 'InvalidLambdaResponseException', kind: /sub cannot be added, overridden or suppressed/ });
  t.match(entries[2]!.error, { kind: /must be a string/ });
});
