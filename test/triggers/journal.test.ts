import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError } from '../helpers/cognito.js';
import { TriggerJournal } from '../../src/triggers/trigger-journal.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

t.test('GET /_mock/triggers filters by pool and trigger; POST /_mock/reset clears it', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await startTriggerPool(t, {
    functions: { [fn('pre-sign-up')]: { module: handlerModule('pre-sign-up.ts') } },
    lambdaConfig: { PreSignUp: fn('pre-sign-up') },
  });
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: 'Finding-8296-same!' }));
  const [entry] = await journal('PreSignUp');
  t.match(entry, { id: 1, pool: poolId, trigger: 'PreSignUp', function: fn('pre-sign-up'), ranAt: 'module', durationMs: Number });
  t.type(entry!.at, 'number');
  t.same(await journal('PostConfirmation'), []);
  const other = (await (await fetch(`${idp.url}/_mock/triggers?pool=us-east-1_Other`)).json()) as { invocations: unknown[] };
  t.same(other.invocations, []);
  t.equal((await fetch(`${idp.url}/_mock/triggers?trigger=Nope`)).status, 400, 'an unknown trigger name');
  await fetch(`${idp.url}/_mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const all = (await (await fetch(`${idp.url}/_mock/triggers`)).json()) as { invocations: unknown[] };
  t.same(all.invocations, []);
});

t.test('a module without the export: UnexpectedLambdaException naming it', async (t) => {
  const { cognito, clientId, journal } = await startTriggerPool(t, {
    functions: { [fn('wrong-export')]: { module: handlerModule('pre-sign-up.ts'), export: 'missing' } },
    lambdaConfig: { PreSignUp: fn('wrong-export') },
  });
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: 'Finding-8296-same!' })));
  t.equal(error.name, 'UnexpectedLambdaException');
  t.match(error.message, /no function export "missing"/);
  t.match((await journal())[0]!.error, { kind: 'unreachable' });
});

t.test('the journal keeps the last entries only', async (t) => {
  const journal = new TriggerJournal(2);
  const entry = { at: 0, pool: 'p', trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', function: 'f', ranAt: 'module' as const, event: {}, durationMs: 0 };
  for (let i = 0; i < 3; i++) journal.add(entry);
  t.same(
    journal.list().map((e) => e.id),
    [2, 3],
  );
});
