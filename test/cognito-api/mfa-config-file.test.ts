import { DescribeUserPoolCommand, GetUserPoolMfaConfigCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { loadConfig, type ConfigOverrides } from '../../src/config/load-config.js';
import { alice, localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { latestCode, sesEmailConfiguration, smsMfaConfiguration } from '../helpers/message-mfa.js';

const client = { id: '5mfaclient0000000000000000b', name: 'web', secret: null };
const emailMfaConfiguration = { Subject: 'Your code', Message: 'Your code is {####}' };
type PoolOverrides = NonNullable<ConfigOverrides['pools']>[number];
const pool = (extra: Partial<PoolOverrides>): PoolOverrides => ({ id: localPool, users: '*', clients: [client], ...extra });

const signIn = (cognito: Awaited<ReturnType<typeof startCognito>>['cognito']) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.id, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }));

t.test('the config file turns on email MFA: MfaConfiguration ON sends alice a code to her email', async (t) => {
  const { idp, cognito } = await startCognito(t, {
    config: { pools: [pool({ mfaConfiguration: 'ON', softwareTokenMfaConfiguration: { Enabled: false }, emailMfaConfiguration, emailConfiguration: sesEmailConfiguration })] },
  });
  t.same(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })).then(({ $metadata: _, ...rest }) => rest), {
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: false },
    EmailMfaConfiguration: emailMfaConfiguration,
  });
  t.match((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: localPool }))).UserPool, { EmailConfiguration: sesEmailConfiguration });
  const challenge = await signIn(cognito);
  t.equal(challenge.ChallengeName, 'EMAIL_OTP');
  const sent = await latestCode(idp);
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'EMAIL_OTP', ClientId: client.id, Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: sent!.code } }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});

t.test('the config file turns on SMS MFA beside authenticator apps: MFA_SETUP is not asked, a code goes to the phone', async (t) => {
  const { cognito } = await startCognito(t, { config: { pools: [pool({ mfaConfiguration: 'ON', smsMfaConfiguration })] } });
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), {
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    SmsMfaConfiguration: smsMfaConfiguration,
  });
  const challenge = await signIn(cognito);
  t.match(challenge, { ChallengeName: 'SMS_MFA', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' } });
});

t.test('the same checks as SetUserPoolMfaConfig: a bad config file is INVALID_CONFIG naming the key', async (t) => {
  const cases: Array<[string, Partial<PoolOverrides>, RegExp]> = [
    ['email MFA with Cognito sending the email', { emailMfaConfiguration }, /EmailSendingAccount "DEVELOPER"/],
    ['email MFA with COGNITO_DEFAULT', { emailMfaConfiguration, emailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' } }, /EmailSendingAccount "DEVELOPER"/],
    ['DEVELOPER without a SourceArn', { emailConfiguration: { EmailSendingAccount: 'DEVELOPER' } }, /SourceArn/],
    ['SMS MFA without an SmsConfiguration', { smsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' } } as never, /smsMfaConfiguration\.SmsConfiguration/],
    ['a template without {####}', { emailMfaConfiguration: { Message: 'no placeholder' }, emailConfiguration: sesEmailConfiguration }, /emailMfaConfiguration\.Message/],
    ["an SNS role that is not Cognito's ARN form", { smsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:not-quite-an-iam-role' } } }, /smsMfaConfiguration\.smsConfiguration\.snsCallerArn/],
  ];
  for (const [what, extra, message] of cases) {
    const error = await loadConfig({ overrides: { pools: [pool(extra)], defaultPool: localPool } }).then(
      () => null,
      (e: unknown) => e as { code?: string; message: string },
    );
    t.match(error, { code: 'INVALID_CONFIG', message }, what);
  }
});

t.test('a pool with email MFA from the config file: a bad SetUserPoolMfaConfig is refused and changes nothing', async (t) => {
  const { cognito } = await startCognito(t, { config: { pools: [pool({ mfaConfiguration: 'OPTIONAL', emailMfaConfiguration, emailConfiguration: sesEmailConfiguration })] } });
  const bad = await sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, EmailMfaConfiguration: { Message: 'no placeholder' } })));
  t.equal(bad.name, 'InvalidParameterException');
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: emailMfaConfiguration });
});
