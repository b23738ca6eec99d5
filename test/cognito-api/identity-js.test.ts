import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import t, { type Test } from 'tap';
import type { TestIdp } from '../helpers/idp.js';
import { alice, localPool, memoryStorage, spa, startCognito, verifyToken } from '../helpers/cognito.js';

const teamsPool = 'eu-west-1_TeamsPool';
const teamsSpa = '1btg84t72jk3sji5tn8pa3gpvo';

/** A pool as an app makes one, pointed at mock-idp, with its own storage. */
function userPool(idp: TestIdp, UserPoolId = localPool, ClientId = spa) {
  const Storage = memoryStorage();
  return new CognitoUserPool({ UserPoolId, ClientId, endpoint: `${idp.url}/`, Storage });
}

type Outcome = { session: CognitoUserSession } | { error: { code?: string; name: string; message: string } } | { newPassword: { userAttributes: Record<string, string>; user: CognitoUser } };

/** `authenticateUser` (USER_SRP_AUTH, the library's default) as a promise. */
function signIn(pool: CognitoUserPool, Username: string, Password: string): Promise<Outcome> {
  const user = new CognitoUser({ Username, Pool: pool, Storage: (pool as unknown as { storage: never }).storage });
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username, Password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: (error) => resolve({ error }),
      newPasswordRequired: (userAttributes) => resolve({ newPassword: { userAttributes, user } }),
    }),
  );
}

/** The JSON API calls the library makes, as `<Op> <AuthFlow|ChallengeName>`. */
function recordRequests(t: Test): string[] {
  const calls: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target) {
      const body = JSON.parse(String(init?.body));
      calls.push(`${target.split('.').pop()} ${body.AuthFlow ?? body.ChallengeName}`);
    }
    return original(input, init);
  };
  t.teardown(() => void (globalThis.fetch = original));
  return calls;
}

t.test('SRP sign-in with the right password: the session holds tokens that verify', async (t) => {
  const { idp } = await startCognito(t);
  const requests = recordRequests(t);
  const outcome = await signIn(userPool(idp), alice.username, alice.password);
  if (!('session' in outcome)) return t.fail(`no session: ${JSON.stringify(outcome)}`);
  const { session } = outcome;
  t.ok(session.isValid());
  const id = await verifyToken(idp, session.getIdToken().getJwtToken(), 'id');
  const access = await verifyToken(idp, session.getAccessToken().getJwtToken(), 'access');
  t.match(id, { 'cognito:username': 'alice', aud: spa });
  t.match(access, { username: 'alice', client_id: spa });
  t.equal(id.origin_jti, access.origin_jti);
  t.equal(session.getRefreshToken().getToken().split('.').length, 5);
  t.same(requests, ['InitiateAuth USER_SRP_AUTH', 'RespondToAuthChallenge PASSWORD_VERIFIER'], 'real SRP');
});

t.test('SRP sign-in with a wrong password, or as nobody: NotAuthorizedException', async (t) => {
  const { idp } = await startCognito(t);
  const wrong = await signIn(userPool(idp), alice.username, 'Not-the-password-1!');
  t.match(wrong, { error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
  const nobody = await signIn(userPool(idp), 'nobody', 'Whatever-123!');
  t.match(nobody, { error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' } }, 'the challenge is answered, the answer fails');
});

t.test('SRP sign-in through the email alias: USER_ID_FOR_SRP is the username', async (t) => {
  const { idp } = await startCognito(t);
  const email = idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes.email!;
  const outcome = await signIn(userPool(idp), email, alice.password);
  if (!('session' in outcome)) return t.fail(`no session: ${JSON.stringify(outcome)}`);
  t.equal(outcome.session.getAccessToken().decodePayload().username, 'alice');
});

t.test('NEW_PASSWORD_REQUIRED through newPasswordRequired and completeNewPasswordChallenge', async (t) => {
  const { idp } = await startCognito(t);
  const pool = userPool(idp, teamsPool, teamsSpa);
  const first = await signIn(pool, 'kraig_prohaska', 'Swath-2022-muted!');
  if (!('newPassword' in first)) return t.fail(`no challenge: ${JSON.stringify(first)}`);
  t.match(first.newPassword.userAttributes, { email: 'kraig.prohaska62@example.com', given_name: 'Kraig' });
  t.notOk('sub' in first.newPassword.userAttributes);

  const weak = await new Promise<unknown>((resolve) => first.newPassword.user.completeNewPasswordChallenge('short', {}, { onSuccess: resolve, onFailure: (error) => resolve({ error }) }));
  t.match(weak, { error: { code: 'InvalidPasswordException' } });

  const session = await new Promise<CognitoUserSession>((resolve, reject) =>
    first.newPassword.user.completeNewPasswordChallenge('Brand-New-Pass-7!', { nickname: 'kp' }, { onSuccess: resolve, onFailure: reject }),
  );
  t.match(await verifyToken(idp, session.getIdToken().getJwtToken(), 'id', teamsSpa, teamsPool), { 'cognito:username': 'kraig_prohaska', nickname: 'kp' });
  const user = idp.services.directory.user(idp.services.directory.pool(teamsPool), 'kraig_prohaska');
  t.equal(user.status, 'CONFIRMED');

  const again = await signIn(userPool(idp, teamsPool, teamsSpa), 'kraig_prohaska', 'Brand-New-Pass-7!');
  t.ok('session' in again, 'the new password signs in through SRP');
  t.match(await signIn(userPool(idp, teamsPool, teamsSpa), 'kraig_prohaska', 'Swath-2022-muted!'), { error: { code: 'NotAuthorizedException' } }, 'the old one does not');
});

t.test('refreshSession: new ID and access tokens of the same sign-in', async (t) => {
  const { idp } = await startCognito(t);
  const pool = userPool(idp);
  const outcome = await signIn(pool, alice.username, alice.password);
  if (!('session' in outcome)) return t.fail('no session');
  const before = outcome.session.getAccessToken().decodePayload();
  idp.baseClock.advanceBy(10 * 60_000);
  const user = pool.getCurrentUser()!;
  const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
    user.refreshSession(outcome.session.getRefreshToken(), (error: Error | null, session: CognitoUserSession) => (error ? reject(error) : resolve(session))),
  );
  const after = await verifyToken(idp, refreshed.getAccessToken().getJwtToken(), 'access');
  t.equal(after.origin_jti, before.origin_jti, 'same sign-in');
  t.equal(after.auth_time, before.auth_time, 'auth_time kept');
  t.equal(after.iat, before.iat + 600);
  t.equal(refreshed.getRefreshToken().getToken(), outcome.session.getRefreshToken().getToken(), 'no new refresh token without rotation');
});
