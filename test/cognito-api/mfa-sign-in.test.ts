import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { codeNow, enableTotp, passwordAuth, setUpTotp } from '../helpers/mfa.js';
import { srpClient } from '../helpers/srp-client.js';

const answer = (Session: string | undefined, code: string, ClientId = spa) =>
  new RespondToAuthChallengeCommand({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId, Session, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code } });

t.test('USER_PASSWORD_AUTH with TOTP on: SOFTWARE_TOKEN_MFA, then tokens for the current code', async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'OPTIONAL');
  const secret = await setUpTotp(idp, cognito);
  const challenge = await passwordAuth(cognito);
  t.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  t.same(challenge.ChallengeParameters, { FRIENDLY_DEVICE_NAME: 'phone' });
  t.equal(challenge.AuthenticationResult, undefined);
  t.match(challenge.Session, /^[A-Za-z0-9+/]+=*$/);

  const wrong = codeNow(idp, secret) === '000000' ? '111111' : '000000';
  t.match(await sdkError(cognito.send(answer(challenge.Session, wrong))), { name: 'CodeMismatchException', message: 'Invalid code received for user', status: 400 });
  const done = await cognito.send(answer(challenge.Session, codeNow(idp, secret)));
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access'), { username: 'alice' }, 'the session survives a wrong code');
  t.match(await sdkError(cognito.send(answer(challenge.Session, codeNow(idp, secret)))), { name: 'NotAuthorizedException' }, 'a Session answers once');

  const next = await passwordAuth(cognito);
  t.match(await sdkError(cognito.send(answer(next.Session, codeNow(idp, secret)))), { name: 'CodeMismatchException' }, 'a code works once');
  t.ok((await cognito.send(answer(next.Session, codeNow(idp, secret, 30_000)))).AuthenticationResult, "the next step's code (one step of tolerance)");
});

t.test("the 30-s window and the 3-minute session, on the server's clock", async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito, 'OPTIONAL');
  const secret = await setUpTotp(idp, cognito);
  await enableTotp(cognito, 'ON');
  const challenge = await passwordAuth(cognito);
  const code = codeNow(idp, secret);
  idp.baseClock.advanceBy(65_000);
  t.match(await sdkError(cognito.send(answer(challenge.Session, code))), { name: 'CodeMismatchException' }, 'two steps later the code is stale');
  t.ok((await cognito.send(answer(challenge.Session, codeNow(idp, secret, -30_000)))).AuthenticationResult, "the previous step's code still works");

  const late = await passwordAuth(cognito);
  idp.baseClock.advanceBy(181_000);
  const expired = await sdkError(cognito.send(answer(late.Session, codeNow(idp, secret))));
  t.match(expired, { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
});

t.test('AdminInitiateAuth and SRP ask for the code too; without TOTP or with MFA OFF, tokens at once', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const plain = await passwordAuth(cognito);
  t.ok(plain.AuthenticationResult, 'MFA OFF: tokens');
  await enableTotp(cognito, 'OPTIONAL');
  t.ok((await passwordAuth(cognito)).AuthenticationResult, 'OPTIONAL and no TOTP: tokens');
  const secret = await setUpTotp(idp, cognito);

  const admin = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }),
  );
  t.equal(admin.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  const adminDone = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: localPool,
      ClientId: spa,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: admin.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: codeNow(idp, secret) },
    }),
  );
  t.ok(adminDone.AuthenticationResult?.IdToken);
  idp.baseClock.advanceBy(30_000);

  const srp = srpClient(localPool);
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', SRP_A: srp.SRP_A } }));
  const verified = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: spa, ChallengeResponses: srp.answer(started.ChallengeParameters!, alice.password) }),
  );
  t.equal(verified.ChallengeName, 'SOFTWARE_TOKEN_MFA', 'PASSWORD_VERIFIER answers SOFTWARE_TOKEN_MFA');
  t.ok((await cognito.send(answer(verified.Session, codeNow(idp, secret)))).AuthenticationResult);

  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OFF' }));
  t.ok((await passwordAuth(cognito)).AuthenticationResult, "the pool's MFA OFF: tokens");
});

t.test("malformed answers: Cognito's errors", async (t) => {
  const { idp, cognito } = await startCognito(t);
  await enableTotp(cognito);
  const secret = await setUpTotp(idp, cognito);
  const challenge = await passwordAuth(cognito);
  const missing = new RespondToAuthChallengeCommand({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: spa, Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice' } });
  t.match(await sdkError(cognito.send(missing)), { name: 'InvalidParameterException' }, 'no code');
  t.match(await sdkError(cognito.send(answer('bm9wZQ==', codeNow(idp, secret)))), { name: 'NotAuthorizedException' }, 'not a session');
  t.match(await sdkError(cognito.send(answer(challenge.Session, codeNow(idp, secret), '74tsdvbgrc3esbuvkbj4ft5dam'))), { name: 'NotAuthorizedException' }, 'another client');
  t.ok((await cognito.send(answer(challenge.Session, codeNow(idp, secret)))).AuthenticationResult, 'still usable after bad input');
});
