/**
 * The flows the bench times (test/helpers/flow-conversations.ts), repeated over real HTTP: what the server holds
 * afterwards does not grow with their number once the clock has moved past each lifetime, and a pool made and
 * deleted leaves nothing behind. Counts only, never durations; `npm run soak -- --phases flows` repeats them at
 * scale with RSS and heap.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { driver, flowSetUps, preTokenFunctions, srpSignIn, type Flow, type FlowName } from '../helpers/flow-conversations.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { resetBeforeEach, startTestIdp } from '../helpers/idp.js';
import { day } from './helpers.js';
import { heldCounts } from './held.js';

const conversations = 4;
const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory(), config: { logLevel: 'silent', lambda: { functions: preTokenFunctions() } } });
resetBeforeEach(t, idp);
const http = driver(idp.url, conversations);
const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: idp.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
t.teardown(() => {
  http.close();
  cognito.destroy();
});
const context = { http, cognito, conversations, now: () => idp.services.clock.now() };

/** `count` turns of `flow`, `conversations` at a time. */
async function repeat(flow: Flow, count: number): Promise<void> {
  for (let done = 0; done < count; done += conversations) {
    await Promise.all(
      Array.from({ length: Math.min(conversations, count - done) }, async (_, conversation) => {
        const cleanUp = await flow(conversation);
        if (cleanUp) await cleanUp();
      }),
    );
  }
}

const signInFlows: FlowName[] = ['password', 'srp', 'emailOtp', 'passkey', 'preToken', 'totp'];
for (const name of signInFlows) {
  t.test(`${name}: after 72 sign-ins and a month, what is held is what the last 8 left`, async (t) => {
    const flow = await flowSetUps[name](context);
    const before = heldCounts(idp.services);
    await repeat(flow, 72);
    const busy = heldCounts(idp.services);
    t.ok(busy.signIns >= 72, `each sign-in held while its refresh token lives (${busy.signIns})`);
    idp.baseClock.advanceBy(31 * day);
    await repeat(flow, 8);
    const after = heldCounts(idp.services);
    t.ok(after.signIns <= before.signIns + 8, `sign-ins: ${after.signIns} (${before.signIns} before)`);
    t.ok(after.usedChallenges <= 2 * 8, `used challenge sessions: ${after.usedChallenges}`);
    t.ok(after.codes <= before.codes + conversations, `codes: ${after.codes} (${before.codes} before)`);
    t.ok(after.srpVerifiers <= before.srpVerifiers + 1, `SRP verifiers: ${after.srpVerifiers} (${before.srpVerifiers} before)`);
    t.ok(after.triggerJournal <= 200, `trigger journal: ${after.triggerJournal}`);
  });
}

t.test('createPool: 12 pools made, their JWKS read, and deleted leave nothing behind', async (t) => {
  const before = heldCounts(idp.services);
  await repeat(flowSetUps.createPool(context), 12);
  t.same(heldCounts(idp.services), before, 'the same pools and keys as before');
});

t.test('a pool signed in to (password, SRP), sent a code and deleted leaves nothing behind; so does a deleted user', async (t) => {
  const before = heldCounts(idp.services);
  const password = 'Choosing-4711-ways!';
  for (let i = 0; i < 6; i++) {
    const { UserPool } = await http.cognito('CreateUserPool', { PoolName: `cycle-${i}`, AutoVerifiedAttributes: ['email'] });
    const UserPoolId = UserPool.Id as string;
    const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
    const { UserPoolClient } = await http.cognito('CreateUserPoolClient', { UserPoolId, ClientName: 'app', ExplicitAuthFlows: flows });
    const ClientId = UserPoolClient.ClientId as string;
    for (const Username of ['kept', 'deleted']) {
      await http.cognito('AdminCreateUser', {
        UserPoolId,
        Username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: `${Username}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ],
      });
      await http.cognito('AdminSetUserPassword', { UserPoolId, Username, Password: password, Permanent: true });
      await http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: Username, PASSWORD: password } });
      const signedIn = await srpSignIn(http, { pool: UserPoolId, client: ClientId, username: Username, password, now: context.now });
      t.ok(signedIn.AuthenticationResult, `${UserPoolId}: ${Username} signed in with SRP`);
      await http.cognito('ForgotPassword', { ClientId, Username });
    }
    const busy = heldCounts(idp.services);
    t.equal(busy.srpVerifiers, before.srpVerifiers + 2, 'an SRP verifier per user signed in');
    await http.cognito('AdminDeleteUser', { UserPoolId, Username: 'deleted' });
    const oneLess = heldCounts(idp.services);
    t.same([oneLess.srpVerifiers, oneLess.codes], [busy.srpVerifiers - 1, busy.codes - 1], 'a deleted user: its verifier and codes forgotten');
    await http.cognito('DeleteUserPool', { UserPoolId });
  }
  const after = heldCounts(idp.services);
  t.same({ ...after, usedChallenges: 0 }, { ...before, usedChallenges: 0 }, 'the same pools, keys, sign-ins, codes and SRP verifiers as before the 6 pools');
});

t.test('a deleted pool whose JWKS was served is let go: nothing keeps its keys', async (t) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // In a function of its own, so that no variable of this test's frame holds a key when the collector runs.
  const watchKeys = (pool: string) => idp.services.keyRing.entries().flatMap((entry) => (entry.pool === pool ? [new WeakRef(entry.material)] : []));
  const kept: Array<WeakRef<object>> = [];
  for (let i = 0; i < 3; i++) {
    const { UserPool } = await http.cognito('CreateUserPool', { PoolName: `let-go-${i}` });
    await http.get(`/${UserPool.Id}/.well-known/jwks.json`);
    kept.push(...watchKeys(UserPool.Id as string));
    await http.cognito('DeleteUserPool', { UserPoolId: UserPool.Id });
  }
  t.equal(kept.length, 6, "the pools' two keys each, watched");
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  t.same(
    kept.map((ref) => ref.deref() === undefined),
    kept.map(() => true),
    'every key of the deleted pools collected',
  );
});
