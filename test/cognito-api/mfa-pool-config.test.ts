import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { codeNow, enableTotp, passwordAuth, setUpTotp } from '../helpers/mfa.js';

t.test('GetUserPoolMfaConfig: OFF with authenticator apps off until SetUserPoolMfaConfig', async (t) => {
  const { cognito } = await startCognito(t);
  const before = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool }));
  t.match(before, { MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
  t.equal(before.SmsMfaConfiguration, undefined);

  const sms = { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'x' } };
  const set = await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, SmsMfaConfiguration: sms }));
  t.match(set, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, SmsMfaConfiguration: sms });
  const after = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool }));
  t.match(after, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, SmsMfaConfiguration: sms }, 'SMS settings described as given');
  const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: localPool }));
  t.equal(UserPool!.MfaConfiguration, 'OPTIONAL', 'DescribeUserPool agrees');

  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'ON' }));
  t.match(
    await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })),
    { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
    'members left out keep their values',
  );
});

t.test('CreateUserPool and UpdateUserPool set the MfaConfiguration GetUserPoolMfaConfig describes', async (t) => {
  const { cognito } = await startCognito(t);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'mfa', MfaConfiguration: 'OPTIONAL' }));
  const UserPoolId = UserPool!.Id!;
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId })), { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } });
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, SoftwareTokenMfaConfiguration: { Enabled: true } }));
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId, MfaConfiguration: 'ON' }));
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId })), { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
});

t.test("bad input: Cognito's errors, and nothing changes", async (t) => {
  const { cognito } = await startCognito(t);
  const bad = await sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'SOMETIMES' as never, SoftwareTokenMfaConfiguration: { Enabled: true } })));
  t.match(bad, { name: 'InvalidParameterException', status: 400, message: /mfaConfiguration.*enum value set: \[OFF, ON, OPTIONAL\]/ });
  const notBoolean = await sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, SoftwareTokenMfaConfiguration: { Enabled: 'yes' as never } })));
  t.match(notBoolean, { name: 'InvalidParameterException' });
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });

  for (const call of [new SetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_Nope', MfaConfiguration: 'OFF' }), new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_Nope' })]) {
    t.match(await sdkError(cognito.send(call as never)), { name: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope does not exist.' });
  }
});

t.test("the config file: a pool's mfaConfiguration turns on authenticator-app MFA", async (t) => {
  const { cognito } = await startCognito(t, {
    config: { pools: [{ id: localPool, users: '*', mfaConfiguration: 'ON', clients: [{ id: '5mfaclient0000000000000000a', name: 'web', secret: null }] }] },
  });
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
  const setup = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '5mfaclient0000000000000000a', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }),
  );
  t.equal(setup.ChallengeName, 'MFA_SETUP');
});

t.test("the pool's MFA types and a user's authenticator app survive a restart with a state dir", async (t) => {
  const stateDir = t.testdir();
  const first = await startCognito(t, { config: { stateDir } });
  await enableTotp(first.cognito, 'OPTIONAL');
  const secret = await setUpTotp(first.idp, first.cognito);
  const later = first.idp.clock.now() + 30_000;
  await first.idp.close();

  const second = await startCognito(t, { config: { stateDir }, startMs: later });
  t.match(await second.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
  const challenge = await passwordAuth(second.cognito);
  t.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  const done = await second.cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: spa,
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: codeNow(second.idp, secret) },
    }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});
