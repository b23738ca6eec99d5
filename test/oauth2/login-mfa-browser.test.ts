/**
 * The hosted login's MFA step in a real browser (Debian's chromium through playwright-core): the
 * authorize request, the sign-in form, the TOTP step with a code computed from the secret the
 * control API gives (at the server's time), then the redirect to the client with an authorization
 * code that the token endpoint exchanges. The client's callback is answered by the browser context
 * itself (nothing listens on it).
 */
import t from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { alice, localPool, startCognito } from '../helpers/cognito.js';
import { exchange, mfaOf } from '../helpers/hosted-mfa.js';
import { codeNow, enableTotp, setUpTotp } from '../helpers/mfa.js';
import { authorizeQuery, callback, spaId } from '../helpers/oauth2.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('chromium: password, then the authenticator code, then the code exchange', async (t) => {
    const { idp, cognito } = await startCognito(t);
    await enableTotp(cognito, 'OPTIONAL');
    await setUpTotp(idp, cognito);

    const context = await browser.newContext();
    t.teardown(() => context.close());
    await context.route(`${callback}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>callback</title><p>back at the client</p>' }));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));

    await page.goto(`${idp.url}/oauth2/authorize?${authorizeQuery(spaId, { scope: 'openid email' })}`);
    t.equal(new URL(page.url()).pathname, '/login', 'authorize sends the browser to the login page');
    await page.locator('#username').fill(alice.username);
    await page.locator('#password').fill(alice.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.locator('[data-challenge="SOFTWARE_TOKEN_MFA"]').waitFor();
    t.equal(await page.locator('h1').textContent(), 'Multi-factor authentication', 'the MFA step, not the client');
    t.equal(new URL(page.url()).pathname, '/login');

    // The secret as a test reads it: from the control API; the code at the server's time.
    const { totpSecret } = await mfaOf(idp, localPool, alice.username);
    await page.locator('#code').fill(codeNow(idp, totpSecret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#error[data-code="CodeMismatchException"]').waitFor();
    t.pass('a wrong code: the step again with CodeMismatchException');

    await page.locator('#code').fill(codeNow(idp, totpSecret));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(callback));

    const redirect = new URL(page.url());
    t.equal(redirect.searchParams.get('state'), 's1');
    const code = redirect.searchParams.get('code');
    t.ok(code, 'the client gets an authorization code');
    const tokens = await exchange(idp, code!);
    t.equal(tokens.status, 200, 'the token endpoint exchanges it');
    t.match(tokens.body, { token_type: 'Bearer', id_token: /\./, access_token: /\./, refresh_token: /./ });
  });
}
