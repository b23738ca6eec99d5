import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, DescribeUserPoolCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { formatTimestamp } from '../../src/cognito/srp.js';
import { startCognito, verifyToken } from '../helpers/cognito.js';
import { srpClient } from '../helpers/srp-client.js';
import { dora, signInCode, userAuthPool } from '../helpers/user-auth.js';

t.test('USER_AUTH without a preference: SELECT_CHALLENGE with what the user can do', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!.Policies!.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });

  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  t.equal(started.ChallengeName, 'SELECT_CHALLENGE');
  t.same(started.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
  t.ok(started.Session);

  const done = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: client,
      Session: started.Session,
      ChallengeResponses: { USERNAME: dora.username, ANSWER: 'PASSWORD', PASSWORD: dora.password },
    }),
  );
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access', client, pool), { username: dora.username }, 'ANSWER PASSWORD with the password: tokens');
});

t.test('SELECT_CHALLENGE → PASSWORD challenge → tokens; PASSWORD_SRP → PASSWORD_VERIFIER → tokens', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const select = async () => (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }))).Session;

  const asked = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: client, Session: await select(), ChallengeResponses: { USERNAME: dora.username, ANSWER: 'PASSWORD' } }),
  );
  t.equal(asked.ChallengeName, 'PASSWORD');
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD', ClientId: client, Session: asked.Session, ChallengeResponses: { USERNAME: dora.username, PASSWORD: dora.password } }),
  );
  t.ok(done.AuthenticationResult?.IdToken);

  const srp = srpClient(pool);
  const verifier = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: client,
      Session: await select(),
      ChallengeResponses: { USERNAME: dora.username, ANSWER: 'PASSWORD_SRP', SRP_A: srp.SRP_A },
    }),
  );
  t.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
  const srpDone = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: client,
      ChallengeResponses: srp.answer(verifier.ChallengeParameters!, dora.password, formatTimestamp(idp.clock.now())),
    }),
  );
  t.ok(srpDone.AuthenticationResult?.AccessToken);
});

t.test('EMAIL_OTP: an 8-digit code to the masked email, read from the control API, answers once', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const select = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  const otp = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: client, Session: select.Session, ChallengeResponses: { USERNAME: dora.username, ANSWER: 'EMAIL_OTP' } }),
  );
  t.equal(otp.ChallengeName, 'EMAIL_OTP');
  t.same(otp.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'd***@e***' });
  const code = await signInCode(idp, pool);
  t.match(code, /^\d{8}$/);
  const answer = (Session = otp.Session, EMAIL_OTP_CODE = code!) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: client, Session, ChallengeResponses: { USERNAME: dora.username, EMAIL_OTP_CODE } }));
  const done = await answer();
  t.match(await verifyToken(idp, done.AuthenticationResult!.IdToken!, 'id', client, pool), { 'cognito:username': dora.username });
  t.equal(await signInCode(idp, pool), undefined, 'a used code is gone');
});

t.test('PREFERRED_CHALLENGE goes straight to the challenge the user can do', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const initiate = (AuthParameters: Record<string, string>) =>
    cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, ...AuthParameters } }));

  t.ok((await initiate({ PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: dora.password })).AuthenticationResult, 'PASSWORD with the password: tokens at once');
  const srp = srpClient(pool);
  t.equal((await initiate({ PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.SRP_A })).ChallengeName, 'PASSWORD_VERIFIER');
  const otp = await initiate({ PREFERRED_CHALLENGE: 'EMAIL_OTP' });
  t.equal(otp.ChallengeName, 'EMAIL_OTP');
  t.match(await signInCode(idp, pool), /^\d{8}$/);

  const passwordOnly = await userAuthPool(cognito, { factors: ['PASSWORD'] });
  const fallback = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: passwordOnly.client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
  t.equal(fallback.ChallengeName, 'SELECT_CHALLENGE', 'a challenge the pool does not allow: SELECT_CHALLENGE');
  t.same(fallback.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
});

t.test('AdminInitiateAuth and AdminRespondToAuthChallenge take USER_AUTH too', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const otp = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: pool, ClientId: client, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }),
  );
  t.equal(otp.ChallengeName, 'EMAIL_OTP');
  const done = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool,
      ClientId: client,
      ChallengeName: 'EMAIL_OTP',
      Session: otp.Session,
      ChallengeResponses: { USERNAME: dora.username, EMAIL_OTP_CODE: (await signInCode(idp, pool))! },
    }),
  );
  t.ok(done.AuthenticationResult?.RefreshToken);
});
