/**
 * The teaching page's Triggers panel in a real browser: a pool whose PreTokenGeneration function is a local
 * module (test/page/handlers/pre-token.ts); a user signs in through the Cognito API with the AWS SDK, and the
 * panel shows the invocation, the event and response, and what the function changed in the tokens; a sign-in
 * from the panel that the function refuses shows Cognito's exception; with no invocation, how to configure one.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { claimsOf } from '../helpers/cognito.js';
import { startTestIdp } from '../helpers/idp.js';
import { fn, startTriggerPool } from '../triggers/helpers.js';

const preToken = fileURLToPath(new URL('./handlers/pre-token.ts', import.meta.url));
const password = 'Page-trigger-1234!';

async function addUser(cognito: CognitoIdentityProviderClient, poolId: string, username: string, group?: string) {
  await cognito.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temporary-1234!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
  if (group) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }));
}

async function startPool(t: Test) {
  const started = await startTriggerPool(t, {
    functions: { [fn('page-pre-token')]: { module: preToken, export: 'handler', timeoutSeconds: 1 } },
    lambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fn('page-pre-token'), LambdaVersion: 'V2_0' } },
  });
  await started.cognito.send(new CreateGroupCommand({ UserPoolId: started.poolId, GroupName: 'readers' }));
  await addUser(started.cognito, started.poolId, 'carol', 'readers');
  await addUser(started.cognito, started.poolId, 'refused');
  return started;
}

const browser = await launchBrowser(t);

if (browser) {
  t.test('a sign-in through the Cognito API: the invocation, its event and response, and what it changed in the tokens', async (t) => {
    const { idp, cognito, poolId, clientId } = await startPool(t);
    const signedIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'carol', PASSWORD: password } }));
    t.equal(claimsOf(signedIn.AuthenticationResult!.IdToken!).tenant, 'acme', 'the function ran (the ID token has its claim)');

    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-triggers').click();
    const entry = page.locator('#triggers-list li[data-trigger="PreTokenGeneration"][data-outcome="ok"]');
    await entry.waitFor();
    t.equal(await page.locator('#triggers-list > li').count(), 1, 'one invocation');
    const text = (await entry.textContent())!;
    t.match(text, /TokenGeneration_Authentication/, 'the trigger source');
    t.match(text, fn('page-pre-token'), 'the function');
    t.match(text, /a local module/, 'where it ran');
    t.match(await entry.locator('.outcome-text').textContent(), /^ok$/, 'the outcome');
    t.match(text, /\d+ ms/, 'the duration');
    t.ok(await page.locator('#triggers-empty').isHidden(), 'no empty state');

    const change = (action: string, token: string, name: string) => entry.locator(`.token-changes li[data-action="${action}"][data-token="${token}"][data-name="${name}"]`);
    t.match(await change('set-claim', 'id', 'tenant').textContent(), /ID token: claim tenant added or overridden: "acme"/);
    t.match(await change('suppress-claim', 'id', 'email').textContent(), /ID token: claim email suppressed/);
    t.match(await change('set-claim', 'access', 'plan').textContent(), /Access token: claim plan/);
    t.match(await change('add-scope', 'access', 'orders/read').textContent(), /scope orders\/read added/);
    t.match(await change('override-groups', 'both', 'cognito:groups').textContent(), /groups overridden \(cognito:groups: readers → vip\)/);

    t.ok(await entry.locator('pre').first().isHidden(), 'the event is folded away');
    await entry.locator('summary').click();
    const [event, response] = await entry.locator('pre').allTextContents();
    t.match(JSON.parse(event!), { triggerSource: 'TokenGeneration_Authentication', userName: 'carol', userPoolId: poolId, version: '2' }, 'the event sent');
    t.match(JSON.parse(response!), { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['vip'] } } }, 'the response returned');
    await screenshot(page, 'triggers');

    // Phone width: nothing wider than the screen, the expanded entry included.
    await page.setViewportSize({ width: 390, height: 800 });
    t.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no horizontal scroll at 390 px');
    await screenshot(page, 'triggers-phone', { fullPage: true });
  });

  t.test('a function that throws: the sign-in from the panel fails with its exception, the new invocation shows it', async (t) => {
    const { idp, poolId } = await startPool(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-triggers').click();
    await page.locator('#triggers-empty').waitFor();
    await page.locator('#triggers-pool').selectOption(poolId);
    t.equal(await page.locator('#trigger-sign-in-pool').inputValue(), poolId, 'watching a pool offers to sign in to it');
    await page.locator('#trigger-sign-in-user').selectOption('refused');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const entry = page.locator('#triggers-list li[data-outcome="failed"]');
    await entry.waitFor();
    t.match(
      await entry.locator('.outcome-text').textContent(),
      /^UserLambdaValidationException: PreTokenGeneration failed with error Not on the guest list\.$/,
      'the exception Cognito relays, with the function\'s message',
    );
    t.match(await page.locator('#trigger-sign-in-result').textContent(), /refused: UserLambdaValidationException/, 'the sign-in\'s answer');
    t.match(await page.locator('#triggers-status').textContent(), /^1 new invocation, 1 failed: PreTokenGeneration\.$/, 'a short announcement');
    t.equal(await entry.locator('.token-changes').count(), 0, 'no changes: no token was issued');
    t.ok(await page.locator('#triggers-empty').isHidden(), 'the empty state is gone');

    await page.locator('#trigger-sign-in-user').selectOption('carol');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#triggers-list li[data-outcome="ok"]').waitFor();
    t.same(
      await page.locator('#triggers-list > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome'))),
      ['ok', 'failed'],
      'newest first',
    );
  });

  t.test('no trigger has run: the panel says how to configure one', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-triggers').click();
    await page.locator('#triggers-empty').waitFor();
    t.match(await page.locator('#triggers-empty').textContent(), /LambdaConfig.*lambda\.functions/);
    t.match(await page.locator('#triggers-guide').textContent(), /triggers guide, docs\/guides\/triggers\.md/);
    t.equal(await page.locator('#triggers-list > li').count(), 0);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#triggers-status:text-is("No new invocations (0 in all).")').waitFor();
    t.pass('Refresh rereads the journal');
  });
}
