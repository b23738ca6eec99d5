import { AdminCreateUserCommand, AdminGetUserCommand, AdminInitiateAuthCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import type { IssuedCode } from '../../src/cognito/confirmation-codes.js';
import { sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool, type TriggerPoolOptions } from './helpers.js';

const temporary = 'Temporary-8296-pass!';

const start = async (t: Test, options: Partial<TriggerPoolOptions> = {}) => {
  const started = await startTriggerPool(t, {
    functions: { [fn('custom-message')]: { module: handlerModule('custom-message-admin.ts') } },
    lambdaConfig: { CustomMessage: fn('custom-message') },
    ...options,
  });
  const codes = async (username: string): Promise<IssuedCode[]> =>
    ((await (await fetch(`${started.idp.url}/_mock/pools/${started.poolId}/users/${username}/codes`)).json()) as { codes: IssuedCode[] }).codes;
  const create = (Username: string, more: Partial<ConstructorParameters<typeof AdminCreateUserCommand>[0]> = {}) =>
    started.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: started.poolId,
        Username,
        TemporaryPassword: temporary,
        UserAttributes: [
          { Name: 'email', Value: `${Username}@example.com` },
          { Name: 'phone_number', Value: '+15555550100' },
        ],
        ...more,
      }),
    );
  return { ...started, codes, create };
};

t.test("AdminCreateUser sends the invitation: the temporary password as its code, the function's message beside it", async (t) => {
  const { cognito, poolId, clientId, codes, create, journal } = await start(t);
  await create('ana', { DesiredDeliveryMediums: ['EMAIL'], ClientMetadata: { app: 'admin' } });
  const sent = await codes('ana');
  t.equal(sent.length, 1);
  t.match(sent[0], {
    purpose: 'INVITATION',
    code: temporary,
    attributeName: 'email',
    deliveryMedium: 'EMAIL',
    destination: 'ana@example.com',
    message: {
      triggerSource: 'CustomMessage_AdminCreateUser',
      emailSubject: 'Welcome aboard',
      emailMessage: `CustomMessage_AdminCreateUser: sign in as ana with ${temporary}.`,
      smsMessage: `ana / ${temporary}`,
    },
  });
  t.notOk('ignored' in sent[0]!.message!);
  t.notOk('template' in sent[0]!.message!);
  const [entry] = await journal('CustomMessage');
  t.match(entry!.event, {
    version: '1',
    triggerSource: 'CustomMessage_AdminCreateUser',
    userPoolId: poolId,
    userName: 'ana',
    callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
    request: {
      userAttributes: { email: 'ana@example.com', 'cognito:user_status': 'FORCE_CHANGE_PASSWORD' },
      codeParameter: '{####}',
      usernameParameter: '{username}',
      clientMetadata: { app: 'admin' },
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  const signIn = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD: sent[0]!.code } }),
  );
  t.equal(signIn.ChallengeName, 'NEW_PASSWORD_REQUIRED', 'the code is the temporary password');
});

t.test('DesiredDeliveryMediums: SMS by default, both when asked; SUPPRESS sends nothing; RESEND sends again', async (t) => {
  const { codes, create, journal } = await start(t);
  await create('bo');
  t.match(await codes('bo'), [{ purpose: 'INVITATION', deliveryMedium: 'SMS', destination: '+15555550100', code: temporary }]);
  await create('cy', { DesiredDeliveryMediums: ['EMAIL', 'SMS'] });
  t.same(
    (await codes('cy')).map((c) => c.deliveryMedium),
    ['EMAIL', 'SMS'],
  );
  t.equal((await journal('CustomMessage')).length, 2, 'one function run per invitation');

  await create('dee', { MessageAction: 'SUPPRESS' });
  t.same(await codes('dee'), []);
  t.equal((await journal('CustomMessage')).length, 2, 'no function run');

  await create('dee', { MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'], TemporaryPassword: undefined });
  t.match(await codes('dee'), [{ purpose: 'INVITATION', deliveryMedium: 'EMAIL', code: temporary }], 'the same password again');
  t.equal((await journal('CustomMessage')).at(-1)!.triggerSource, 'CustomMessage_AdminCreateUser');
});

t.test('a failing function: the error as Cognito relays it, and no user', async (t) => {
  const { cognito, poolId, codes, create, journal } = await start(t);
  t.match(await sdkError(create('eve', { ClientMetadata: { mode: 'reject' } })), { name: 'UserLambdaValidationException', message: 'CustomMessage failed with error Mail is down.' });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, [], 'no user');
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'eve' }))), { name: 'UserNotFoundException' });
  t.match((await journal('CustomMessage')).at(-1)!.error, { type: 'UserLambdaValidationException' });

  await create('fay', { DesiredDeliveryMediums: ['EMAIL'], ClientMetadata: { mode: 'no-username' } });
  t.match((await codes('fay'))[0]!.message, { emailMessage: null, ignored: /emailMessage does not contain \{username\}/ }, 'Cognito would send its default message');
});

t.test('bad DesiredDeliveryMediums: InvalidParameterException, nothing created', async (t) => {
  const { cognito, poolId, create, journal } = await start(t);
  t.match(await sdkError(create('gus', { DesiredDeliveryMediums: ['EMAIL', 'FAX' as 'SMS'] })), { name: 'InvalidParameterException' });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
  t.same(await journal('CustomMessage'), []);
});

t.test("without a function: the pool's InviteMessageTemplate, else Cognito's default invitation", async (t) => {
  const templated = await start(t, {
    functions: {},
    lambdaConfig: {},
    pool: { AdminCreateUserConfig: { InviteMessageTemplate: { EmailSubject: 'Join us', EmailMessage: 'Hi {username}, use {####}', SMSMessage: '{username}: {####}' } } },
  });
  await templated.create('hal', { DesiredDeliveryMediums: ['EMAIL'] });
  t.match((await templated.codes('hal'))[0], {
    purpose: 'INVITATION',
    code: temporary,
    message: { triggerSource: 'CustomMessage_AdminCreateUser', template: 'InviteMessageTemplate', emailSubject: 'Join us', emailMessage: `Hi hal, use ${temporary}`, smsMessage: `hal: ${temporary}` },
  });

  const plain = await start(t, { functions: {}, lambdaConfig: {} });
  await plain.create('ivy');
  t.match((await plain.codes('ivy'))[0]!.message, {
    template: 'InviteMessageTemplate',
    smsMessage: `Your username is ivy and temporary password is ${temporary}.`,
  });
});
