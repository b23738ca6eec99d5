import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import type { IssuedCode } from '../../src/cognito/confirmation-codes.js';
import { alice, localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { challengeOf, errorCode, hostedBrowser } from '../helpers/hosted-mfa.js';
import { sesEmailConfiguration, smsMfaConfiguration } from '../helpers/message-mfa.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';

/** A pool with SMS and email MFA (OPTIONAL) and a custom message function; `user()` makes a user with both turned on. */
const start = async (t: Test) => {
  const started = await startTriggerPool(t, {
    functions: { [fn('custom-message')]: { module: handlerModule('custom-message-admin.ts') } },
    lambdaConfig: { CustomMessage: fn('custom-message') },
  });
  const { cognito, poolId: UserPoolId, clientId: ClientId } = started;
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId, EmailConfiguration: sesEmailConfiguration, LambdaConfig: { CustomMessage: fn('custom-message') } }));
  await cognito.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: smsMfaConfiguration, EmailMfaConfiguration: { Subject: 'Code', Message: 'Code {####}' } }),
  );
  const user = async (Username: string, preferred?: 'sms' | 'email') => {
    const UserAttributes = [
      { Name: 'email', Value: `${Username}@example.com` },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'phone_number', Value: '+15555550100' },
      { Name: 'phone_number_verified', Value: 'true' },
      { Name: 'name', Value: Username },
    ];
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: password, Permanent: true }));
    await cognito.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId,
        Username,
        SMSMfaSettings: { Enabled: true, PreferredMfa: preferred === 'sms' },
        EmailMfaSettings: { Enabled: true, PreferredMfa: preferred === 'email' },
      }),
    );
  };
  const signIn = (USERNAME: string) => cognito.send(new AdminInitiateAuthCommand({ UserPoolId, ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: password } }));
  const mfaCodes = async (username: string): Promise<IssuedCode[]> =>
    ((await (await fetch(`${started.idp.url}/_mock/pools/${UserPoolId}/users/${username}/codes`)).json()) as { codes: IssuedCode[] }).codes.filter((c) => c.purpose === 'MFA');
  return { ...started, user, signIn, mfaCodes };
};

t.test("SMS_MFA: CustomMessage_Authentication makes the code's message; the code signs in", async (t) => {
  const { cognito, clientId, user, signIn, mfaCodes, journal } = await start(t);
  await user('ana', 'sms');
  const challenge = await signIn('ana');
  t.equal(challenge.ChallengeName, 'SMS_MFA');
  const [sent] = await mfaCodes('ana');
  t.match(sent, { deliveryMedium: 'SMS', message: { triggerSource: 'CustomMessage_Authentication', smsMessage: `- / ${sent!.code}` } });
  const [entry] = await journal('CustomMessage');
  t.match(entry!.event, {
    triggerSource: 'CustomMessage_Authentication',
    userName: 'ana',
    callerContext: { clientId },
    request: { codeParameter: '{####}', usernameParameter: null, userAttributes: { phone_number: '+15555550100' } },
  });
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'ana', SMS_MFA_CODE: sent!.code } }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});

t.test('EMAIL_OTP as MFA, and after SELECT_MFA_TYPE', async (t) => {
  const { cognito, clientId, user, signIn, mfaCodes } = await start(t);
  await user('bo', 'email');
  t.equal((await signIn('bo')).ChallengeName, 'EMAIL_OTP');
  const [sent] = await mfaCodes('bo');
  t.match(sent, { deliveryMedium: 'EMAIL', message: { triggerSource: 'CustomMessage_Authentication', emailMessage: `CustomMessage_Authentication: sign in as - with ${sent!.code}.` } });

  await user('cy');
  const select = await signIn('cy');
  t.equal(select.ChallengeName, 'SELECT_MFA_TYPE');
  t.same(await mfaCodes('cy'), [], 'no code before the choice');
  const chosen = await cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_MFA_TYPE', Session: select.Session, ChallengeResponses: { USERNAME: 'cy', ANSWER: 'EMAIL_OTP' } }),
  );
  t.equal(chosen.ChallengeName, 'EMAIL_OTP');
  t.match(await mfaCodes('cy'), [{ deliveryMedium: 'EMAIL', message: { triggerSource: 'CustomMessage_Authentication' } }]);
});

t.test('a failing function: the sign-in fails with its error and no code is kept', async (t) => {
  const { cognito, poolId, clientId, user, signIn, mfaCodes, journal } = await start(t);
  await user('reject', 'sms');
  t.match(await sdkError(signIn('reject')), { name: 'UserLambdaValidationException', message: 'CustomMessage failed with error Mail is down.' });
  t.same(await mfaCodes('reject'), []);
  t.match((await journal('CustomMessage')).at(-1)!.error, { type: 'UserLambdaValidationException' });

  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'reject', SMSMfaSettings: { Enabled: true, PreferredMfa: false } }));
  const select = await signIn('reject');
  t.equal(select.ChallengeName, 'SELECT_MFA_TYPE');
  const choose = () =>
    cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_MFA_TYPE', Session: select.Session, ChallengeResponses: { USERNAME: 'reject', ANSWER: 'SMS_MFA' } }));
  t.match(await sdkError(choose()), { name: 'UserLambdaValidationException' });
  t.same(await mfaCodes('reject'), []);
});

t.test("the hosted login's SMS code: the function's message beside it; a failing function's error on the form", async (t) => {
  const functions = { [fn('custom-message')]: { module: handlerModule('custom-message-admin.ts') } };
  const { idp, cognito } = await startCognito(t, { config: { lambda: { endpoint: null, timeoutSeconds: 5, functions } } });
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: localPool, LambdaConfig: { CustomMessage: fn('custom-message') } }));
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: smsMfaConfiguration }));
  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: alice.username, SMSMfaSettings: { Enabled: true } }));
  const codes = async (): Promise<IssuedCode[]> =>
    ((await (await fetch(`${idp.url}/_mock/pools/${localPool}/users/${alice.username}/codes`)).json()) as { codes: IssuedCode[] }).codes.filter((c) => c.purpose === 'MFA');

  const step = await (await hostedBrowser(idp)).password(alice.username, alice.password);
  t.equal(challengeOf(step.html), 'SMS_MFA');
  const [sent] = await codes();
  t.match(sent, { message: { triggerSource: 'CustomMessage_Authentication', smsMessage: new RegExp(`${sent!.code}$`) } });

  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: localPool, Username: alice.username, UserAttributes: [{ Name: 'name', Value: 'reject' }] }));
  const failed = await (await hostedBrowser(idp)).password(alice.username, alice.password);
  t.equal(failed.status, 400);
  t.equal(errorCode(failed.html), 'UserLambdaValidationException');
  t.same(await codes(), [sent], 'no new code');
});
