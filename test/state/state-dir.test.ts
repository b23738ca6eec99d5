import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { cannotLockFolders, lockableFolder } from '../helpers/lockable-folder.js';

const skip = cannotLockFolders() ?? false;
import { claimsOf, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';

const password = 'Kept-across-1-restart!';

async function signUpAndSignIn(cognito: Awaited<ReturnType<typeof startCognito>>['cognito'], username: string) {
  await cognito.send(new SignUpCommand({ ClientId: spa, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: localPool, Username: username }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: localPool, Username: username, GroupName: 'readers' }));
  const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({ ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
  return AuthenticationResult!;
}

t.test('with a state dir, users, groups, keys and sign-ins survive a restart', async (t) => {
  const stateDir = t.testdir();
  const first = await startCognito(t, { config: { stateDir } });
  const tokens = await signUpAndSignIn(first.cognito, 'restart-rita');
  await first.idp.close();

  const fileMode = (await stat(join(stateDir, 'state.json'))).mode & 0o777;
  t.equal(fileMode, 0o600, 'the state file is readable by its owner only (it holds passwords and a private key)');
  t.ok((await stat(join(stateDir, 'keys.json'))).isFile(), 'the keys are kept in the state dir too');

  // The same port, so the issuer (built from the listen address) is the same.
  const second = await startCognito(t, { config: { stateDir }, port: Number(new URL(first.idp.url).port) });
  const user = await second.cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'restart-rita' }));
  t.equal(user.UserStatus, 'CONFIRMED', 'the user signed up before the restart is there, confirmed');
  t.equal(user.UserAttributes?.find((a) => a.Name === 'email')?.Value, 'restart-rita@example.com');

  const claims = await verifyToken(second.idp, tokens.IdToken!, 'id');
  t.same(claims['cognito:groups'], ['readers'], 'an ID token issued before the restart verifies against the restarted server');

  const refreshed = await second.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: spa, RefreshToken: tokens.RefreshToken! }));
  t.equal(claimsOf(refreshed.AuthenticationResult!.AccessToken!).origin_jti, claimsOf(tokens.AccessToken!).origin_jti, 'a refresh token issued before the restart refreshes the same sign-in');

  const again = await second.cognito.send(new InitiateAuthCommand({ ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'restart-rita', PASSWORD: password } }));
  t.ok(again.AuthenticationResult?.IdToken, 'the saved password still signs in');
});

t.test('a change that cannot be saved fails with its reason and is undone', { skip }, async (t) => {
  const { dir: stateDir, lock, unlock } = lockableFolder(t);
  const { cognito } = await startCognito(t, { config: { stateDir, keys: { file: join(t.testdir(), 'keys.json') } } });
  lock();

  const failed = await sdkError(cognito.send(new SignUpCommand({ ClientId: spa, Username: 'lost-lucy', Password: password })));
  t.equal(failed.name, 'InternalErrorException', 'the sign-up fails');
  t.equal(failed.status, 500);
  t.match(failed.message, /could not save its state/, 'and says why');

  const lookup = await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'lost-lucy' })));
  t.equal(lookup.name, 'UserNotFoundException', 'the unsaved user was not kept in memory either');

  // Once the folder is back, changes are saved again.
  unlock();
  await cognito.send(new SignUpCommand({ ClientId: spa, Username: 'saved-sam', Password: password }));
  const saved = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8'));
  t.ok(
    saved.pools.find((p: { id: string }) => p.id === localPool).users.some((u: { username: string }) => u.username === 'saved-sam'),
    'the next change is on disk',
  );
});

t.test('a state dir that cannot be written fails the start, naming it', { skip }, async (t) => {
  const { dir: stateDir, lock } = lockableFolder(t);
  lock();
  await t.rejects(startCognito(t, { config: { stateDir, keys: { file: join(t.testdir(), 'elsewhere', 'keys.json') } } }), { code: 'STATE_NOT_SAVED' });
});

t.test('a damaged state file fails the start without quoting its contents', async (t) => {
  const stateDir = t.testdir({ 'state.json': '{"format":"mock-idp-state","version":1,"pools":[{"password":"Secret-Value-42!"' });
  const error = await startCognito(t, { config: { stateDir } }).then(
    () => null,
    (e: Error & { code?: string }) => e,
  );
  t.equal(error?.code, 'INVALID_STATE_FILE');
  t.notMatch(error?.message ?? '', /Secret-Value-42/, 'no part of the file is quoted');
});
