import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import t, { type Test } from 'tap';
import { memoryStorage, verifyToken } from '../helpers/cognito.js';
import { password, startCustomAuthPool } from './custom-auth-helpers.js';

type Step = { session: CognitoUserSession } | { challenge: Record<string, string> } | { error: { code?: string; message: string } };

/** The callbacks amazon-cognito-identity-js takes, as a promise of the next step. */
const next = (resolve: (step: Step) => void) => ({
  onSuccess: (session: CognitoUserSession) => resolve({ session }),
  onFailure: (error: { code?: string; message: string }) => resolve({ error }),
  customChallenge: (challenge: Record<string, string>) => resolve({ challenge }),
});

async function appUser(t: Test, exports?: Parameters<typeof startCustomAuthPool>[1]) {
  const started = await startCustomAuthPool(t, exports);
  const pool = new CognitoUserPool({ UserPoolId: started.poolId, ClientId: started.clientId, endpoint: `${started.idp.url}/`, Storage: memoryStorage() });
  const user = new CognitoUser({ Username: 'carla', Pool: pool });
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  return { ...started, user };
}

const answer = (user: CognitoUser, value: string) => new Promise<Step>((resolve) => user.sendCustomChallengeAnswer(value, next(resolve), { via: 'identity-js' }));

t.test('initiateAuth (custom challenges only): customChallenge, sendCustomChallengeAnswer, a session that verifies', async (t) => {
  const { idp, user, poolId, clientId, journal } = await appUser(t);
  const first = await new Promise<Step>((resolve) => user.initiateAuth(new AuthenticationDetails({ Username: 'carla' }), next(resolve)));
  t.match(first, { challenge: { question: 'What is six times seven?', USERNAME: 'carla' } });
  t.match(await answer(user, '7'), { challenge: { round: '2' } }, 'a wrong answer: the next question');
  const done = await answer(user, '42');
  if (!('session' in done)) return t.fail(`no session: ${JSON.stringify(done)}`);
  t.ok(done.session.isValid());
  const access = await verifyToken(idp, done.session.getAccessToken().getJwtToken(), 'access', clientId, poolId);
  t.match(access, { username: 'carla', client_id: clientId });
  t.match((await journal('VerifyAuthChallengeResponse'))[1]!.event, { request: { clientMetadata: { via: 'identity-js' } } });
});

t.test('authenticateUser with CUSTOM_AUTH: SRP_A, the password (PASSWORD_VERIFIER), then the question', async (t) => {
  const { user, journal } = await appUser(t);
  const first = await new Promise<Step>((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: 'carla', Password: password }), next(resolve)));
  t.match(first, { challenge: { question: 'What is six times seven?' } }, 'the password was proven, then DefineAuthChallenge asked its question');
  const done = await answer(user, '42');
  t.ok('session' in done && done.session.isValid());
  t.same(
    (await journal('DefineAuthChallenge')).map((e) => (e.event as { request: { session: Array<{ challengeName: string }> } }).request.session.map((r) => r.challengeName)),
    [['SRP_A'], ['SRP_A', 'PASSWORD_VERIFIER'], ['SRP_A', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE']],
  );
  t.match((await journal('DefineAuthChallenge'))[1]!.event, {
    request: {
      session: [
        { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ],
    },
  });
});

t.test('authenticateUser with CUSTOM_AUTH and a wrong password: NotAuthorizedException, no question', async (t) => {
  const { user, journal } = await appUser(t);
  const first = await new Promise<Step>((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: 'carla', Password: 'Not-the-password-1!' }), next(resolve)));
  t.match(first, { error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
  t.equal((await journal('DefineAuthChallenge')).length, 1, 'DefineAuthChallenge was asked only about SRP_A');
  t.same(await journal('CreateAuthChallenge'), []);
});
