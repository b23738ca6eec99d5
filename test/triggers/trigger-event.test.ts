import t from 'tap';
import { awsSdkVersionOf, triggerEvent } from '../../src/triggers/trigger-event.js';
import { triggerFunction } from '../../src/triggers/trigger-functions.js';
import type { Pool } from '../../src/directory/pool.js';

const poolWith = (LambdaConfig: Record<string, unknown>) => ({ id: 'eu-west-1_Abc', region: 'eu-west-1', settings: { LambdaConfig } }) as unknown as Pool;

t.test("awsSdkVersion from the caller's User-Agent", async (t) => {
  t.equal(awsSdkVersionOf('aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejsv20.20.2'), 'aws-sdk-js-3.700.0');
  t.equal(awsSdkVersionOf(undefined, 'aws-sdk-nodejs/2.799.0 linux/v20'), 'aws-sdk-nodejs-2.799.0', 'the second header when the first has none');
  t.equal(awsSdkVersionOf('Mozilla/5.0', undefined), 'aws-sdk-unknown-unknown');
});

t.test('the envelope: defaults for an administrator call; request and response are copies', async (t) => {
  const request = { userAttributes: { email: 'a@example.com' } };
  const event = triggerEvent({ pool: poolWith({}), triggerSource: 'PreSignUp_AdminCreateUser', userName: 'ana', request });
  t.same(event, {
    version: '1',
    triggerSource: 'PreSignUp_AdminCreateUser',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_Abc',
    userName: 'ana',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
    request,
    response: {},
  });
  t.not(event.request, request);
});

t.test('PreTokenGenerationConfig wins over PreTokenGeneration, which is V1_0', async (t) => {
  const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
  t.same(triggerFunction(poolWith({ PreTokenGeneration: arn('v1') }), 'PreTokenGeneration'), { arn: arn('v1'), lambdaVersion: 'V1_0' });
  t.same(triggerFunction(poolWith({ PreTokenGeneration: arn('v1'), PreTokenGenerationConfig: { LambdaArn: arn('v2'), LambdaVersion: 'V2_0' } }), 'PreTokenGeneration'), {
    arn: arn('v2'),
    lambdaVersion: 'V2_0',
  });
  t.same(triggerFunction(poolWith({ PreSignUp: arn('p') }), 'PreSignUp'), { arn: arn('p') });
  t.equal(triggerFunction(poolWith({}), 'PostConfirmation'), null);
});
