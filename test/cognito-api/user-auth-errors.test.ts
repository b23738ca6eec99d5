import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { dora, signInCode, userAuthPool } from '../helpers/user-auth.js';

t.test('EMAIL_OTP: a wrong code is CodeMismatchException and changes nothing; a Session answers once; 3 minutes', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito);
  const start = () => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
  const answer = (Session: string | undefined, EMAIL_OTP_CODE: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: client, Session, ChallengeResponses: { USERNAME: dora.username, EMAIL_OTP_CODE } }));

  const otp = await start();
  const code = (await signInCode(idp, pool))!;
  const wrong = code === '00000000' ? '11111111' : '00000000';
  t.match(await sdkError(answer(otp.Session, wrong)), { name: 'CodeMismatchException', status: 400 });
  t.equal(await signInCode(idp, pool), code, 'the code is still there');
  t.match(await sdkError(answer(otp.Session, '')), { name: 'InvalidParameterException' }, 'no code');
  t.ok((await answer(otp.Session, code)).AuthenticationResult, 'the right code after a wrong one');
  t.match(await sdkError(answer(otp.Session, code)), { name: 'NotAuthorizedException' }, 'a Session answers once');

  const late = await start();
  idp.baseClock.advanceBy(181_000);
  t.match(await sdkError(answer(late.Session, (await signInCode(idp, pool))!)), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  t.match(await sdkError(answer('not-a-session', '12345678')), { name: 'NotAuthorizedException' });
});

t.test('SELECT_CHALLENGE: an ANSWER the user cannot do is InvalidParameterException; a wrong password NotAuthorizedException', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client } = await userAuthPool(cognito, { factors: ['PASSWORD'] });
  const { Session } = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  const select = (responses: Record<string, string>) =>
    cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: client, Session, ChallengeResponses: { USERNAME: dora.username, ...responses } }));
  t.match(await sdkError(select({ ANSWER: 'SMS_OTP' })), { name: 'InvalidParameterException' });
  t.match(await sdkError(select({ ANSWER: 'EMAIL_OTP' })), { name: 'InvalidParameterException' }, 'the pool does not allow EMAIL_OTP');
  t.equal(await signInCode(idp, pool), undefined, 'no code sent');
  t.match(await sdkError(select({})), { name: 'InvalidParameterException' }, 'no ANSWER');
  t.match(await sdkError(select({ ANSWER: 'PASSWORD', PASSWORD: 'Wrong-password-1!' })), { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  t.match(await sdkError(select({ ANSWER: 'PASSWORD_SRP' })), { name: 'InvalidParameterException' }, 'PASSWORD_SRP needs SRP_A');
  t.ok((await select({ ANSWER: 'PASSWORD', PASSWORD: dora.password })).AuthenticationResult, 'the Session survived the bad answers');
  t.match(
    await sdkError(cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD', ClientId: client, Session, ChallengeResponses: { USERNAME: dora.username, PASSWORD: dora.password } }))),
    { name: 'NotAuthorizedException' },
    'a SELECT_CHALLENGE Session does not answer another challenge',
  );
});

t.test('the client must allow USER_AUTH; unknown users as the client says', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool } = await userAuthPool(cognito, { flows: ['ALLOW_USER_SRP_AUTH'] });
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'srp-only', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }));
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: UserPoolClient!.ClientId!, AuthParameters: { USERNAME: dora.username } }))), {
    name: 'InvalidParameterException',
    message: 'USER_AUTH flow not enabled for this client',
  });

  const { UserPoolClient: legacy } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'legacy', ExplicitAuthFlows: ['ALLOW_USER_AUTH'], PreventUserExistenceErrors: 'LEGACY' }),
  );
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: legacy!.ClientId!, AuthParameters: { USERNAME: 'nobody' } }))), { name: 'UserNotFoundException' });

  const { UserPoolClient: enabled } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'enabled', ExplicitAuthFlows: ['ALLOW_USER_AUTH'], PreventUserExistenceErrors: 'ENABLED' }),
  );
  const ClientId = enabled!.ClientId!;
  const phantom = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: 'nobody' } }));
  t.equal(phantom.ChallengeName, 'SELECT_CHALLENGE', 'an unknown user is answered as if it existed');
  t.same(phantom.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  const answer = await sdkError(
    cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'SELECT_CHALLENGE',
        ClientId,
        Session: phantom.Session,
        ChallengeResponses: { USERNAME: 'nobody', ANSWER: 'PASSWORD', PASSWORD: 'Any-password-1!' },
      }),
    ),
  );
  t.match(answer, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
});

t.test('AllowedFirstAuthFactors is checked and changes nothing when wrong', async (t) => {
  const { cognito } = await startCognito(t);
  t.match(await sdkError(cognito.send(new CreateUserPoolCommand({ PoolName: 'bad', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'MAGIC_LINK' as never] } } }))), {
    name: 'InvalidParameterException',
    message: /policies\.signInPolicy\.allowedFirstAuthFactors/,
  });
  const { pool } = await userAuthPool(cognito);
  t.match(await sdkError(cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool, Policies: { SignInPolicy: { AllowedFirstAuthFactors: [] } } }))), { name: 'InvalidParameterException' });
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!.Policies!.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
});

t.test("the config file: a pool's allowedFirstAuthFactors, and a configured client allows USER_AUTH", async (t) => {
  const ClientId = '5choiceclient000000000000a';
  const { cognito } = await startCognito(t, {
    config: { pools: [{ id: localPool, users: '*', allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'], clients: [{ id: ClientId, name: 'web', secret: null }] }] },
  });
  t.same((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: localPool }))).UserPool!.Policies!.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
  const started = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: alice.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: alice.password } }),
  );
  t.ok(started.AuthenticationResult);
});
